package faqbot.knowledge;

import java.util.List;

/**
 * What a search found for a message: its hits, best first, and the message's meaning (its
 * sentence embedding) for grouping it with others that mean the same. The search embeds the
 * message to rank by meaning; a caller that also needs the meaning (a question nobody answered
 * goes to the moderators' queue, grouped by it) takes it from here instead of embedding the
 * message a second time, which would cost as much as the rest of the search.
 */
public final class SearchResult {
  private final List<SearchHit> hits;
  private final String meaningText;
  private volatile float[] meaning;

  /**
   * @param meaningText what the message's meaning is the embedding of ({@link Embeddings#queryText}),
   *     null for a blank message
   * @param embedded the text the search embedded, or null when it embedded nothing
   * @param vector the search's embedding of {@code embedded}
   */
  SearchResult(List<SearchHit> hits, String meaningText, String embedded, float[] vector) {
    this.hits = List.copyOf(hits);
    this.meaningText = meaningText;
    // a message with lay words is searched with their medical terms added: its meaning is still
    // the embedding of its own words, embedded when asked for
    this.meaning = meaningText == null ? new float[0]
        : embedded != null && embedded.equals(meaningText) ? vector : null;
  }

  public List<SearchHit> hits() {
    return hits;
  }

  /**
   * The message's embedding (unit length; empty for a message without text): the same vector
   * {@link KnowledgeBase#meaning} gives. Embedded now unless the search embedded that very text.
   */
  public float[] meaning() {
    float[] m = meaning;
    if (m == null) {
      m = Embeddings.get().embed(meaningText);
      meaning = m;
    }
    return m.clone();
  }
}

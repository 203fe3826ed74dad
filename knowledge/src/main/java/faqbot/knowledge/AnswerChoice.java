package faqbot.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Which hit of a search the bot shows as its answer. The bot, {@code faqbot ask} and the
 * evaluations all decide here, so that what is measured is what patients get.
 */
public final class AnswerChoice {
  /**
   * Hits the bot asks for per message: candidates for the answer and the suggestions under it.
   * Evaluations that rank more must choose among this many, as the bot does.
   */
  public static final int SEARCH_LIMIT = 6;

  /**
   * Below this confidence of its own an answer borrows none: the pending hit above may share the
   * answer's topic by a word used in another sense ("why am I always cold" matched ADAM's "What
   * causes Common cold?" at 0.88 and was answered with the common cold overview, itself at 0.19).
   * Of the answers lent a confidence on the lay, own, own-2 to own-4 sets and LiveQA dev (12), none
   * has less than 0.25 of its own; 0.3 would already decline a right one.
   */
  static final double LEND_FLOOR = 0.2;

  private AnswerChoice() {}

  /**
   * The hit to show, or empty for an honest decline: the best answerable hit among the first
   * {@link #SEARCH_LIMIT}, when its own confidence reaches {@code threshold}.
   *
   * <p>Pending hits are passed over rather than ending the search: a question-only MedQuAD pair
   * (ADAM, drugs, herbs) ranked first used to hide a published answer just below it. Measured on
   * the LiveQA dev split and the lay-questions set (README, "Choosing what is shown"). A pending
   * hit above the answer about the same topic lends it its confidence ({@link #confidence}).
   */
  public static Optional<SearchHit> choose(List<SearchHit> hits, double threshold) {
    int n = Math.min(SEARCH_LIMIT, hits.size());
    for (int i = 0; i < n; i++) {
      SearchHit h = hits.get(i);
      if (h.entry().isAnswerable()) {
        return confidence(hits, i) >= threshold ? Optional.of(h) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The confidence of the answerable hit at {@code at}: its own, or that of a pending hit above it
   * about the same topic when that is higher and its own is at least {@link #LEND_FLOOR}. MedlinePlus answers many topics with one overview,
   * while ADAM's question-only pages split the topic by kind of question ("Warts - treatment"), so
   * the pending page wins the message and the overview, ranked a few places lower, used to fall
   * under the threshold though it is the knowledge base's answer about that topic.
   */
  static double confidence(List<SearchHit> hits, int at) {
    SearchHit h = hits.get(at);
    double p = h.confidence();
    for (int i = 0; i < at; i++) {
      SearchHit above = hits.get(i);
      if (!above.entry().isAnswerable() && h.confidence() >= LEND_FLOOR
          && FocusDictionary.sameTopic(h.entry().focus(), above.entry().focus())) {
        p = Math.max(p, above.confidence());
      }
    }
    return p;
  }
}

package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hits of one topic below the answer to the kind asked back its confidence. */
class TopicBackedTest {
  private static long nextId = 1;

  private static KnowledgeBase.Ranked ranked(String id, String focus, boolean answerable, boolean typeAsked,
      double confidence) {
    Entry e = Entry.builder(Entry.Kind.QA).id(nextId++)
        .status(answerable ? Entry.Status.PUBLISHED : Entry.Status.PENDING)
        .title(id).question(id).focus(focus).reply(answerable ? "an answer" : null)
        .source(new Source("test", "test", null, id)).build();
    Confidence.Features f = new Confidence.Features(0.5, 0.5, 1, 1, true, typeAsked, 0, 0, 0.5, 1);
    return new KnowledgeBase.Ranked(e, 1f, confidence, f);
  }

  private static List<Double> backed(KnowledgeBase.Ranked... hits) {
    List<KnowledgeBase.Ranked> list = new ArrayList<>(List.of(hits));
    KnowledgeBase.topicBacked(list);
    return list.stream().map(KnowledgeBase.Ranked::confidence).toList();
  }

  @Test
  void theAnswerToTheKindAskedTakesTheConfidenceOfItsTopicBelowIt() {
    // "hypertention what foods to avoid": one prevention entry first, the topic's others below
    assertEquals(List.of(0.78, 0.78, 0.4),
        backed(ranked("nih-prevention-1", "High Blood Pressure", true, true, 0.63),
            ranked("nih-prevention-2", "High Blood Pressure", true, true, 0.78),
            ranked("other", "Malignant hypertension", false, true, 0.4)));
  }

  @Test
  void anEntryOfAnotherKindThanAskedIsNotBacked() {
    // the overview shown for "what can help" keeps its own confidence
    assertEquals(List.of(0.22, 0.71),
        backed(ranked("mplus-overview", "Urinary Incontinence", true, false, 0.22),
            ranked("nih-overview", "Urinary Incontinence", true, false, 0.71)));
  }

  @Test
  void onlyTheSameTopicAndOnlyHitsBelowWithinTheBotsChoiceBack() {
    assertEquals(List.of(0.3, 0.9),
        backed(ranked("a", "Gout", true, true, 0.3), ranked("b", "Lupus", true, true, 0.9)));
    // a hit above does not lift one below
    assertEquals(List.of(0.9, 0.3),
        backed(ranked("a", "Gout", true, true, 0.9), ranked("b", "Gout", true, true, 0.3)));
    List<KnowledgeBase.Ranked> far = new ArrayList<>();
    far.add(ranked("first", "Gout", true, true, 0.3));
    for (int i = 1; i < AnswerChoice.SEARCH_LIMIT; i++) {
      far.add(ranked("between" + i, "Lupus", true, true, 0.1));
    }
    far.add(ranked("beyond", "Gout", true, true, 0.95));
    KnowledgeBase.topicBacked(far);
    assertEquals(0.3, far.get(0).confidence());
  }

  @Test
  void aQuestionOnlyHitIsNeverLiftedAndADeclinedMessageStaysDeclined() {
    assertEquals(List.of(0.2, 0.9),
        backed(ranked("pending", "Gout", false, true, 0.2), ranked("published", "Gout", true, true, 0.9)));
    // confidence 0: a request to the service, or a medicine's question about another topic
    assertEquals(List.of(0.0, 0.0), backed(ranked("a", "Gout", true, true, 0), ranked("b", "Gout", true, true, 0)));
  }
}

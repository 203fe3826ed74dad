package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue groups questions by meaning, and /link turns each grouped phrasing into an alternative. */
class QueueGroupingTest extends CoreTestCase {
  static final String MOD = "500";

  @BeforeEach
  void open() throws Exception {
    chat.say(ADMIN, "/grant telegram:" + MOD + " moderator");
  }

  private double cosine(String a, String b) {
    float[] x = kb.meaning(a);
    float[] y = kb.meaning(b);
    double dot = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
    }
    return dot;
  }

  @Test
  void theThresholdSeparatesRewordingsFromOtherQuestionsOnTheSameSubject() {
    List<String[]> same = List.of(
        new String[] {"Which vitamins help hair grow?", "what vitamins make my hair grow faster"},
        new String[] {"Can I drink coffee while breastfeeding?", "is coffee ok when I am breastfeeding"},
        new String[] {"How do I get rid of hiccups?", "how can I stop hiccups"});
    List<String[]> different = List.of(
        new String[] {"Which vitamins help hair grow?", "Which vitamins help nails grow?"},
        new String[] {"Can I drink coffee while breastfeeding?", "Can I drink alcohol while breastfeeding?"},
        new String[] {"How do I get rid of hiccups?", "What causes hiccups in babies?"});
    for (String[] p : same) {
      double c = cosine(p[0], p[1]);
      assertTrue(c >= SqliteQuestionQueue.SAME_MEANING, p[0] + " / " + p[1] + ": " + c);
    }
    for (String[] p : different) {
      double c = cosine(p[0], p[1]);
      assertTrue(c < SqliteQuestionQueue.SAME_MEANING, p[0] + " / " + p[1] + ": " + c);
    }
  }

  @Test
  void rewordedQuestionsShareOneItemAndAllTheirWordsAreLinked() {
    chat.say("111", "Which vitamins help hair grow?");
    chat.say("222", "what vitamins make my hair grow faster");
    chat.say("333", "Which vitamins help nails grow?");
    String queue = FakeChat.text(chat.say(MOD, "/queue"));
    assertTrue(queue.contains("asked 2x: Which vitamins help hair grow?"), queue);
    assertTrue(queue.contains("asked 1x: Which vitamins help nails grow?"), queue);
    String qid = queue.replaceAll("(?s).*?Q(\\d+) asked 2x.*", "$1");
    assertEquals(List.of("Which vitamins help hair grow?", "what vitamins make my hair grow faster"),
        core.queue().phrasings(Long.parseLong(qid)));
    String done = FakeChat.text(chat.say(MOD, "/link " + qid + " " + fx.kneeId));
    assertTrue(done.contains("2 new alternative questions"), done);
  }
}

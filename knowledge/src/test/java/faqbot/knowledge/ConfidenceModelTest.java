package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fitted confidence behaves as a probability of a right answer should. */
class ConfidenceModelTest {
  private static Confidence.Features hit(double cosine, int rank, boolean topic, boolean type, double unknown) {
    return new Confidence.Features(0.5, cosine, rank, rank, topic, type, 0.05, unknown, 0.3, topic ? 1 : 0.5);
  }

  @Test
  void moreEvidenceNeverLowersIt() {
    Confidence c = Confidence.fitted();
    double base = c.probability(hit(0.5, 3, false, false, 0));
    assertTrue(c.probability(hit(0.8, 3, false, false, 0)) > base, "closer in meaning");
    assertTrue(c.probability(hit(0.5, 1, false, false, 0)) > base, "ranked first by both");
    assertTrue(c.probability(hit(0.5, 3, true, true, 0)) > base, "the topic and question asked");
    assertTrue(c.probability(hit(0.5, 3, false, false, 0.5)) < base, "half the message unknown");
  }

  @Test
  void aFullMatchIsLikelyRightAndANearMissIsNot() {
    Confidence c = Confidence.fitted();
    double full = c.probability(hit(0.9, 1, true, true, 0));
    double weak = c.probability(hit(0.3, 20, false, false, 0.3));
    assertTrue(full > 0.8 && full <= 1, "full match " + full);
    assertTrue(weak < 0.1 && weak >= 0, "near miss " + weak);
  }
}

package faqbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The probability that a hit is a right answer to the message, from a logistic regression over
 * features that mean the same for a one-line question and a long story. The coefficients live in
 * {@code confidence.properties} beside this class, written by {@code ConfidenceFit} (its javadoc
 * has the command) from the LiveQA dev split and the lay questions; the test split never sees it.
 */
final class Confidence {
  /**
   * What is known about a hit when its confidence is estimated.
   *
   * @param lexical the lexical score as a fraction of a full match of the message (the old
   *     confidence): low when much of what was asked is matched by nothing
   * @param cosine the hit's cosine to the message's asking sentences
   * @param lexicalRank 1-based rank in the lexical ranking, 0 when outside its depth
   * @param denseRank 1-based rank in the dense ranking, 0 when outside its depth
   * @param topic whether the message names the hit's topic
   * @param type whether the hit answers the kind of question asked
   * @param margin the hit's cosine minus that of the next answerable hit about another topic: a
   *     hit barely ahead of another topic is a coin toss
   * @param unknown the share of the message's weight in words no entry contains
   * @param support the share of the other hits considered that are about the hit's topic: when
   *     the best hits agree on what the message is about, the first of them is rarely off-topic
   * @param named the largest share of the words of one of the hit's topic names (or a page's
   *     title) that the message contains: a hit whose topic the message never names is right only
   *     when lay words mean it
   */
  record Features(double lexical, double cosine, int lexicalRank, int denseRank, boolean topic,
      boolean type, double margin, double unknown, double support, double named) {
    static final String[] NAMES = {"lexical", "cosine", "lexicalRecip", "denseRecip", "topic",
        "type", "margin", "unknown", "support", "named"};

    double[] vector() {
      return new double[] {lexical, cosine, recip(lexicalRank), recip(denseRank),
          topic ? 1 : 0, type ? 1 : 0, margin, unknown, support, named};
    }

    private static double recip(int rank) {
      return rank <= 0 ? 0 : 1.0 / rank;
    }
  }

  private static final Confidence FITTED = load();

  private final double intercept;
  private final double[] weights;

  Confidence(double intercept, double[] weights) {
    this.intercept = intercept;
    this.weights = weights.clone();
  }

  static Confidence fitted() {
    return FITTED;
  }

  double probability(Features f) {
    double[] x = f.vector();
    double z = intercept;
    for (int i = 0; i < x.length; i++) {
      z += weights[i] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  private static Confidence load() {
    Properties p = new Properties();
    try (InputStream in = Confidence.class.getResourceAsStream("confidence.properties")) {
      if (in == null) {
        throw new IllegalStateException("confidence.properties is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] w = new double[Features.NAMES.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Double.parseDouble(required(p, Features.NAMES[i]));
    }
    return new Confidence(Double.parseDouble(required(p, "intercept")), w);
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalStateException("confidence.properties lacks " + key);
    }
    return v.strip();
  }
}

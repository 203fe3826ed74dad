package faqbot.core.triage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Rough speed check of {@link Triage#assess}, kept out of the test run (timings on a shared
 * machine make flaky tests). Measures thread CPU time, and for scale the cost of merely copying
 * the same text in lower case and hashing it, so figures from a loaded machine can be judged.
 * Run: {@code java -cp bot-core/target/classes:bot-core/target/test-classes faqbot.core.triage.TriageBench}.
 */
public final class TriageBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static long sink;

  private TriageBench() {}

  public static void main(String[] args) {
    Triage t = Triage.loadDefault();
    List<String> messages = List.of(
        fill("I had balloon kyphoplasty for a compression fracture last month and the back is sore. "
            + "What calcium and vitamin D doses do you recommend with osteoporosis? "),
        fill("My mother had vertebroplasty, her chest hurts, no fever, she is not short of breath, "
            + "what are the signs of cement embolism and how common is it after the procedure? "),
        fill("help my husband collapsed and is not breathing, his lips are blue, he took pills "),
        fill("no i am not having a stroke, it was years ago, what causes weakness in legs? "));
    for (String m : messages) {
      double base = micros(() -> sink += lowerCaseCopy(m).hashCode());
      double assess = micros(() -> sink += t.assess(m).level().ordinal());
      System.out.printf("%5d chars  %-9s  %6.1f us CPU/message  (%.1fx a lower-case copy: %.1f us)%n",
          m.length(), t.assess(m).level(), assess, assess / base, base);
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static double micros(Runnable r) {
    int iterations = 20_000;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < iterations; i++) {
        r.run();
      }
      best = Math.min(best, (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / iterations);
    }
    return best;
  }

  private static String lowerCaseCopy(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  private static String fill(String sentence) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() + sentence.length() <= 2000) {
      sb.append(sentence);
    }
    return sb.toString();
  }
}

package faqbot.knowledge.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Checks printed evaluation figures against a checked-in properties file, so that CI fails when
 * a change makes one worse.
 */
public final class Expectations {
  /** Checked figures may move the wrong way by at most this much (rounding only). */
  public static final double TOLERANCE = 0.00051;

  /**
   * What the check found. {@code errors} are mistakes in the file itself (a key that is not
   * printed, a value that is not a number): the check means nothing until they are fixed.
   */
  public record Outcome(List<String> regressions, List<String> errors) {
    public boolean passed() {
      return regressions.isEmpty() && errors.isEmpty();
    }
  }

  private Expectations() {}

  /**
   * @param figures the printed figures by name
   * @param lowerIsBetter names of the figures for which a rise is the regression (such as a
   *     wrong-answer rate); every other figure regresses when it drops
   */
  public static Outcome check(Map<String, Double> figures, Set<String> lowerIsBetter,
      Properties expected) {
    List<String> regressions = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(expected.stringPropertyNames())) {
      Double actual = figures.get(key);
      if (actual == null) {
        // a misspelt or renamed key would otherwise pass silently forever
        errors.add("expected figure '" + key + "' is not printed by this evaluation (known: "
            + String.join(", ", figures.keySet()) + ")");
        continue;
      }
      double want;
      try {
        want = Double.parseDouble(expected.getProperty(key).trim());
      } catch (NumberFormatException e) {
        errors.add("expected figure '" + key + "' is not a number: " + expected.getProperty(key));
        continue;
      }
      if (lowerIsBetter.contains(key)) {
        if (actual > want + TOLERANCE) {
          regressions.add(String.format(Locale.ROOT, "%s is %.4f, expected at most %.4f", key, actual, want));
        }
      } else if (actual < want - TOLERANCE) {
        regressions.add(String.format(Locale.ROOT, "%s is %.4f, expected at least %.4f", key, actual, want));
      }
    }
    return new Outcome(regressions, errors);
  }
}

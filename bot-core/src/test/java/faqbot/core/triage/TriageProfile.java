package faqbot.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which rules' expressions take the time on {@link TriageBench}'s messages: runs each message with
 * {@code -Dfaqbot.triage.profile=true} and prints, per message, the rules by total time, with
 * how often each ran and matched. Run after {@code ./mvnw -q -pl bot-core -am test-compile}:
 * {@code java -Dfaqbot.triage.profile=true -cp <as for TriageBench> faqbot.core.triage.TriageProfile}.
 */
public final class TriageProfile {
  private TriageProfile() {}

  public static void main(String[] args) {
    if (!RuleSet.PROFILE) {
      System.err.println("run with -Dfaqbot.triage.profile=true");
      return;
    }
    Triage t = Triage.loadDefault();
    int top = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    for (String m : TriageBench.messages()) {
      for (int i = 0; i < 200; i++) {
        t.assess(m); // warm-up
      }
      RuleSet.PROFILE_TOTALS.clear();
      int runs = Math.max(20, 2_000_000 / m.length());
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        t.assess(m);
      }
      double total = (System.nanoTime() - start) / 1000.0 / runs;
      List<Map.Entry<String, long[]>> rows = new ArrayList<>(RuleSet.PROFILE_TOTALS.entrySet());
      rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
      double inRules = rows.stream().mapToLong(e -> e.getValue()[0]).sum() / 1000.0 / runs;
      System.out.printf(Locale.ROOT, "%n%d chars, %.1f us a message, %.1f us in rule expressions: %s%n",
          m.length(), total, inRules, m.substring(0, Math.min(70, m.length())));
      for (int k = 0; k < Math.min(top, rows.size()); k++) {
        long[] v = rows.get(k).getValue();
        System.out.printf(Locale.ROOT, "  %-28s %8.2f us  %6.0f runs  %6.0f matches%n",
            rows.get(k).getKey(), v[0] / 1000.0 / runs, (double) v[1] / runs, (double) v[2] / runs);
      }
    }
  }
}

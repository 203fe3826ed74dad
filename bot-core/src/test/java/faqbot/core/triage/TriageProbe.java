package faqbot.core.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints, for each line of standard input, the care level and every rule that fires: for writing
 * and reviewing rules. Run after {@code ./mvnw -q -pl bot-core -am test-compile}:
 * {@code java -cp bot-core/target/classes:bot-core/target/test-classes:knowledge/target/classes:$(ls ~/.m2/repository/com/ibm/icu/icu4j/79.1/icu4j-79.1.jar) faqbot.core.triage.TriageProbe}.
 */
public final class TriageProbe {
  private TriageProbe() {}

  public static void main(String[] args) throws IOException {
    Triage t = Triage.loadDefault();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      TriageResult r = t.assess(line);
      System.out.println(r.level() + " " + r.category() + " " + t.firingRuleIds(line) + "  <- "
          + line);
    }
  }
}

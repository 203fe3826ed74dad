package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trigger rule of the bundled files fires on an example written for it: a rule whose phrase
 * does not say what its author meant (a typo, a gap too short) shows up here even when another
 * rule happens to catch the messages of the main table.
 */
class RuleExamplesTest {

  private static final Triage TRIAGE = Triage.loadDefault();

  /** English examples, then those of the other languages, then Italian's, Russian's, ... */
  static final String[] FILES = {"rule-examples.tsv", "rule-examples-intl.tsv",
      "rule-examples-it.tsv", "rule-examples-ru.tsv", "rule-examples-nl.tsv",
      "rule-examples-pl.tsv", "rule-examples-ar.tsv", "rule-examples-tr.tsv",
      "rule-examples-uk.tsv", "rule-examples-vi.tsv", "rule-examples-hi.tsv",
      "rule-examples-id.tsv", "rule-examples-ja.tsv", "rule-examples-ko.tsv",
      "rule-examples-sv.tsv", "rule-examples-no.tsv", "rule-examples-da.tsv",
      "rule-examples-fa.tsv", "rule-examples-tl.tsv"};

  static Map<String, String> examples() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String file : FILES) {
      read(file, out);
    }
    return out;
  }

  private static void read(String file, Map<String, String> out) throws IOException {
    for (TsvTable.Row row : TsvTable.read(file, 2)) {
      String[] cols = row.columns();
      assertEquals(null, out.put(cols[0], cols[1]), file + ": two examples for " + cols[0]);
    }
  }

  static Stream<Arguments> table() throws IOException {
    return examples().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("table")
  void exampleFiresItsRule(String ruleId, String message) {
    assertTrue(TRIAGE.firingRuleIds(message).contains(ruleId),
        () -> ruleId + " does not fire on <" + message + ">; fired: "
            + TRIAGE.firingRuleIds(message));
    assertTrue(TRIAGE.assess(message).level() != Level.NONE, message);
  }

  @Test
  void everyTriggerRuleHasAnExample() throws IOException {
    TreeSet<String> missing = new TreeSet<>(TRIAGE.triggerIds());
    missing.removeAll(examples().keySet());
    assertTrue(missing.isEmpty(), "rules without an example in rule-examples*.tsv: " + missing);
    TreeSet<String> unknown = new TreeSet<>(examples().keySet());
    unknown.removeAll(TRIAGE.triggerIds());
    assertTrue(unknown.isEmpty(), "examples for rules that do not exist: " + unknown);
  }
}

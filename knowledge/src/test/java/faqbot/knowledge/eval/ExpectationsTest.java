package faqbot.knowledge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  private static final Map<String, Double> FIGURES = new LinkedHashMap<>(
      Map.of("success@1", 0.5, "wrongAnswer", 0.2));
  private static final Set<String> LOWER = Set.of("wrongAnswer");

  private static Properties expect(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void equalOrBetterFiguresPass() {
    assertTrue(Expectations.check(FIGURES, LOWER, expect("success@1", "0.5", "wrongAnswer", "0.2")).passed());
    assertTrue(Expectations.check(FIGURES, LOWER, expect("success@1", "0.4", "wrongAnswer", "0.3")).passed());
    // rounding in the file is not a regression
    assertTrue(Expectations.check(FIGURES, LOWER, expect("success@1", "0.5004")).passed());
  }

  @Test
  void aDropInAHigherIsBetterFigureFails() {
    Expectations.Outcome o = Expectations.check(FIGURES, LOWER, expect("success@1", "0.6"));
    assertFalse(o.passed());
    assertEquals(1, o.regressions().size());
    assertTrue(o.regressions().get(0).contains("success@1"), o.regressions().toString());
    assertTrue(o.errors().isEmpty());
  }

  @Test
  void aRiseInALowerIsBetterFigureFails() {
    Expectations.Outcome o = Expectations.check(FIGURES, LOWER, expect("wrongAnswer", "0.1"));
    assertEquals(1, o.regressions().size(), o.toString());
    assertTrue(o.regressions().get(0).contains("at most"), o.regressions().toString());
  }

  @Test
  void aKeyThatIsNotPrintedIsAnError() {
    Expectations.Outcome o = Expectations.check(FIGURES, LOWER, expect("success@1", "0.5", "sucess@1", "0.9"));
    assertFalse(o.passed());
    assertTrue(o.regressions().isEmpty());
    assertEquals(1, o.errors().size());
    assertTrue(o.errors().get(0).contains("'sucess@1'"), o.errors().toString());
  }

  @Test
  void aValueThatIsNotANumberIsAnError() {
    Expectations.Outcome o = Expectations.check(FIGURES, LOWER, expect("success@1", "high"));
    assertEquals(1, o.errors().size(), o.toString());
  }
}

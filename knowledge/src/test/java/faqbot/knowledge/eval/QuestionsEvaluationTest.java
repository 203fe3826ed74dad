package faqbot.knowledge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Source;
import faqbot.knowledge.eval.QuestionsEvaluation.Group;
import faqbot.knowledge.eval.QuestionsEvaluation.Line;
import faqbot.knowledge.eval.QuestionsEvaluation.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionsEvaluationTest {
  private static final double EPS = 1e-9;
  @TempDir Path dir;

  private static Entry medquad(String focus, String qtype, boolean answered) {
    return Entry.builder(Entry.Kind.QA).status(answered ? Entry.Status.PUBLISHED : Entry.Status.PENDING)
        .title("q").question("q").reply(answered ? "an answer" : null).focus(focus).questionType(qtype)
        .source(new Source("x.xml", "MedQuAD/GHR", null, focus + "_" + qtype)).build();
  }

  private static Entry seed(Entry.Kind kind) {
    Entry.Builder b = Entry.builder(kind).title("t").source(new Source("seed.txt", "seed", null, "seed-" + kind));
    return kind == Entry.Kind.QA ? b.question("q").reply("r").build() : b.body("body").build();
  }

  private List<Line> load(String... jsonLines) throws IOException {
    Path f = dir.resolve("q.jsonl");
    Files.writeString(f, String.join("\n", jsonLines) + "\n");
    return QuestionsEvaluation.load(f);
  }

  @Test
  void focusIsSearchedNotMatchedWholeAndQtypeMustBeListed() throws IOException {
    Line line = load("{\"id\":\"A\",\"text\":\"t\",\"focus\":\"(?<!non-)hodgkin lymphoma\","
        + "\"qtypes\":[\"symptoms\",\"treatment\"]}").get(0);
    assertEquals(Group.ANSWERABLE, line.group());
    // lower-cased focus, found anywhere in it, as Python's re.search
    assertTrue(line.rightAnswer(medquad("Adult Hodgkin Lymphoma", "treatment", true)));
    assertFalse(line.rightAnswer(medquad("Non-Hodgkin Lymphoma", "treatment", true)));
    assertFalse(line.rightAnswer(medquad("Hodgkin Lymphoma", "causes", true)));
    // a question without an answer is never a right answer
    assertFalse(line.rightAnswer(medquad("Hodgkin Lymphoma", "symptoms", false)));
  }

  @Test
  void seedLinesWantAnEntryOfThatSeedDocument() throws IOException {
    List<Line> lines = load("{\"id\":\"S1\",\"text\":\"t\",\"source\":\"seed-qa\"}",
        "{\"id\":\"S2\",\"text\":\"t\",\"source\":\"seed-article\"}");
    assertTrue(lines.get(0).rightAnswer(seed(Entry.Kind.QA)));
    assertFalse(lines.get(0).rightAnswer(seed(Entry.Kind.ARTICLE)));
    assertTrue(lines.get(1).rightAnswer(seed(Entry.Kind.ARTICLE)));
    assertFalse(lines.get(1).rightAnswer(medquad("bone cement", "information", true)));
  }

  @Test
  void malformedLineIsNamed() {
    IOException e = assertThrows(IOException.class, () -> load(
        "{\"id\":\"A\",\"text\":\"t\",\"expect\":\"no_match\"}",
        "{\"id\":\"B\",\"text\":\"t\",\"focus\":\"x\"}"));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("qtypes"), e.getMessage());
  }

  @Test
  void figuresByHand() throws IOException {
    List<Line> lines = load(
        "{\"id\":\"A1\",\"text\":\"a1\",\"focus\":\"^asthma$\",\"qtypes\":[\"treatment\"]}",
        "{\"id\":\"A2\",\"text\":\"a2\",\"focus\":\"^asthma$\",\"qtypes\":[\"treatment\"]}",
        "{\"id\":\"A3\",\"text\":\"a3\",\"focus\":\"^asthma$\",\"qtypes\":[\"treatment\"]}",
        "{\"id\":\"A4\",\"text\":\"a4\",\"focus\":\"^asthma$\",\"qtypes\":[\"treatment\"]}",
        "{\"id\":\"S1\",\"text\":\"s1\",\"source\":\"seed-qa\"}",
        "{\"id\":\"N1\",\"text\":\"n1\",\"expect\":\"no_match\"}",
        "{\"id\":\"N2\",\"text\":\"n2\",\"expect\":\"no_match\"}");
    Map<String, Response> bot = Map.of(
        "a1", Response.answered(medquad("Asthma", "treatment", true)),
        "a2", Response.answered(medquad("Asthma", "causes", true)),
        "a3", Response.declined(),
        "a4", Response.emergencyGuidance(),
        "s1", Response.answered(seed(Entry.Kind.QA)),
        "n1", Response.declined(),
        "n2", Response.answered(medquad("Asthma", "treatment", true)));
    QuestionsEvaluation.Figures f = QuestionsEvaluation.evaluate(lines, bot::get);
    assertEquals(7, f.lines());
    assertEquals(1, f.emergencies());
    Map<String, Double> v = f.values();
    assertEquals(2.0 / 7, v.get("success@1"), EPS);
    assertEquals(2.0 / 7, v.get("wrongAnswer"), EPS);
    assertEquals(4.0 / 7, v.get("answerRate"), EPS);
    assertEquals(0.5, v.get("honestDecline"), EPS);
    // A1 and S1 right, A2 wrong, of the five lines that have a right answer
    assertEquals(2.0 / 5, v.get("shouldAnswer.success@1"), EPS);
    assertEquals(1.0 / 5, v.get("shouldAnswer.wrongAnswer"), EPS);
    assertEquals(0.25, v.get("answerable.success@1"), EPS);
    assertEquals(0.25, v.get("answerable.wrongAnswer"), EPS);
    assertEquals(0.5, v.get("answerable.answerRate"), EPS);
    assertEquals(1.0, v.get("seed.success@1"), EPS);
    assertEquals(0.5, v.get("no_match.wrongAnswer"), EPS);
    assertEquals(0.5, v.get("no_match.answerRate"), EPS);
    assertFalse(v.containsKey("no_match.success@1"));
    // every figure where less is better is one that is printed
    assertTrue(v.keySet().containsAll(QuestionsEvaluation.LOWER_IS_BETTER));
  }
}

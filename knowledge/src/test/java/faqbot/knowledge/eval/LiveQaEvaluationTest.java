package faqbot.knowledge.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import faqbot.knowledge.eval.LiveQa.Question;
import faqbot.knowledge.eval.LiveQa.Split;
import faqbot.knowledge.eval.LiveQaEvaluation.Ranked;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveQaEvaluationTest {
  private static final double EPS = 1e-9;

  // q1 (dev): A=4, B=3, C=1 judged; q2 (test): D=3 (judged twice: 2 then 3), E=2
  private final LiveQa liveQa = new LiveQa(
      List.of(new Question(1, "s1", "m1"), new Question(2, "s2", "m2"), new Question(3, "s3", "m3")),
      parse("1 4-Excellent A.txt", "1 3-Incomplete B.txt", "1 1-Incorrect C.txt",
          "2 2-Related D.txt", "2 3-Incomplete D.txt", "2 2-Related E.txt"));

  private static Map<Integer, Map<String, Integer>> parse(String... lines) {
    try {
      return LiveQa.parseJudgments(List.of(lines));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Ranked> ranked(String... ids) {
    return java.util.stream.IntStream.range(0, ids.length)
        .mapToObj(i -> new Ranked(ids[i], 10 - i, 1.0 - i * 0.1))
        .toList();
  }

  @Test
  void unjudgedQuestionsAreLeftOutAndSplitsFollowParity() {
    assertEquals(List.of(1, 2), liveQa.judgedQuestions(Split.ALL).stream().map(Question::id).toList());
    assertEquals(List.of(1), liveQa.judgedQuestions(Split.DEV).stream().map(Question::id).toList());
    assertEquals(List.of(2), liveQa.judgedQuestions(Split.TEST).stream().map(Question::id).toList());
  }

  @Test
  void doubleJudgedPairKeepsHigherGrade() {
    assertEquals(3, liveQa.grade(2, "D"));
    assertEquals(0, liveQa.grade(2, "A"));
  }

  @Test
  void scoresByHand() {
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    // q1: top C (grade 1 -> score 0), then X (unjudged), then A (rel), B (rel)
    // q2: top D (grade 3 -> score 2)
    LiveQaEvaluation.Run run = eval.run(Split.ALL,
        text -> text.startsWith("s1") ? ranked("C", "X", "A", "B") : ranked("D", "E"));
    Metrics m = eval.score(run);
    assertEquals(2, m.answered());
    assertEquals((0 + 2) / 2.0, m.avgScore(), EPS);
    assertEquals(0.5, m.succ2(), EPS);
    assertEquals(0.5, m.succ3(), EPS);
    assertEquals(0.0, m.succ4(), EPS);
    assertEquals((1.0 / 3 + 1.0) / 2, m.mrr10(), EPS);
    // AP q1 = (1/3 + 2/4) / 2 relevant; AP q2 = 1/1
    assertEquals(((1.0 / 3 + 2.0 / 4) / 2 + 1.0) / 2, m.map10(), EPS);
    assertEquals(1.0, m.judged1(), EPS);
    assertEquals(5.0 / 6, m.judged10(), EPS);
  }

  @Test
  void thresholdTurnsLowConfidenceIntoNoAnswer() {
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    LiveQaEvaluation.Run run = eval.run(Split.ALL, text -> text.startsWith("s1")
        ? List.of(new Ranked("A", 5, 0.9)) : List.of(new Ranked("D", 5, 0.2)));
    Metrics m = eval.score(run, 0.5);
    assertEquals(1, m.answered());
    assertEquals(3.0 / 2, m.avgScore(), EPS);
    assertEquals(1.0, m.prec4(), EPS);
    assertEquals(0.5, m.succ4(), EPS);
  }

  @Test
  void shownAnswersAreScoredApartFromTheRanking() {
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    // q1 ranks C (grade 1) first but shows B (grade 3); q2 declines although D (grade 3) ranks first
    LiveQaEvaluation.Run run = eval.respond(Split.ALL, text -> text.startsWith("s1")
        ? new LiveQaEvaluation.Response(ranked("C", "B"), "B")
        : new LiveQaEvaluation.Response(ranked("D"), null));
    ShownMetrics s = eval.scoreShown(run);
    assertEquals(1, s.answered());
    assertEquals(0.5, s.answerRate(), EPS);
    assertEquals(2.0 / 2, s.avgScore(), EPS);
    assertEquals(1.0, s.prec2(), EPS);
    assertEquals(1.0, s.prec3(), EPS);
    assertEquals(1.0, s.judged1(), EPS);
    // the ranking figures still see C first and D answered
    assertEquals((0 + 2) / 2.0, eval.score(run).avgScore(), EPS);

    ShownMetrics unjudged = eval.scoreShown(eval.respond(Split.ALL,
        text -> new LiveQaEvaluation.Response(ranked("X"), "X")));
    assertEquals(1.0, unjudged.answerRate(), EPS);
    assertEquals(0.0, unjudged.avgScore(), EPS);
    assertEquals(0.0, unjudged.judged1(), EPS);
  }

  @Test
  void emptyRankingScoresZero() {
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    Metrics m = eval.score(eval.run(Split.ALL, text -> List.of()));
    assertEquals(0, m.answered());
    assertEquals(0.0, m.avgScore(), EPS);
    assertEquals(0.0, m.prec3(), EPS);
  }

  @Test
  void writesTrecRunFile() throws IOException {
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    StringWriter out = new StringWriter();
    LiveQaEvaluation.writeTrecRun(eval.run(Split.DEV, t -> ranked("A", "B")), "faqbot", out);
    assertEquals("1 Q0 A 1 10.000000 faqbot\n1 Q0 B 2 9.000000 faqbot\n", out.toString());
  }

  @Test
  void malformedJudgmentNamesTheLine() {
    IOException e = assertThrows(IOException.class,
        () -> LiveQa.parseJudgments(List.of("1 4-Excellent A.txt", "2 excellent B.txt")));
    assertEquals(true, e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void readsOnlyThePatientsOwnWords() throws IOException {
    String xml = "<?xml version=\"1.0\"?><LiveQA2017-Medical-Test-Set-Full>"
        + "<NLM-QUESTION qid=\"TQ7\"><Original-Question qfile=\"1.txt\"><SUBJECT>Piles</SUBJECT>"
        + "<MESSAGE>how to cure</MESSAGE></Original-Question>"
        + "<NIST-PARAPHRASE>How are hemorrhoids treated?</NIST-PARAPHRASE></NLM-QUESTION>"
        + "</LiveQA2017-Medical-Test-Set-Full>";
    List<Question> qs = LiveQa.parseQuestions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(new Question(7, "Piles", "how to cure")), qs);
    assertEquals("Piles\nhow to cure", qs.get(0).text());
  }

  @Test
  void realDataHasTheDocumentedShape() throws IOException {
    Path dir = Path.of(System.getProperty("faqbot.shared", "../shared"), "data", "liveqa-med-2017");
    assumeTrue(Files.isDirectory(dir), "shared LiveQA data not present");
    LiveQa real = LiveQa.load(dir);
    assertEquals(103, real.judgedQuestions(Split.ALL).size());
    assertEquals(51, real.judgedQuestions(Split.DEV).size());
    assertEquals(52, real.judgedQuestions(Split.TEST).size());
    assertEquals(true, real.judgedAnswerIds().contains("GARD_0004450_Sec1"));
  }
}

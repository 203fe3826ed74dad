package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on a data directory of its own. */
class CliTest {
  static final String PAGE = """
      Numb foot after kyphoplasty
      I had balloon kyphoplasty for a T12 fracture two weeks ago.
      Since then my left foot feels numb when I walk. Is this related to the cement?
      ab, 60~69 year old male. Ask Date: 2024/03/02
      Dr. Example Lin reply Orthopedics
      Numbness after kyphoplasty can come from the fracture itself or, rarely, from cement near a nerve.
      An examination and a CT scan can show where the cement lies.
      Please see your surgeon soon, and go to an emergency department if weakness or bladder problems appear.
      Reply Date: 2024/03/03
      """;

  static final String ARTICLE = """
      Vitamin D And Bone Strength
      2. AT-A-GLANCE
      - Vitamin D helps the body absorb calcium.
      3. QUICK TAKE Enough vitamin D supports strong bones in older adults.
      4. SEO TITLE Vitamin D and bones
      5. SEO DESCRIPTION How vitamin D supports bone strength.
      6. ARTICLE BODY
      Vitamin D helps the gut absorb calcium from food.
      Older adults often have low levels, especially in winter.
      """;

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("FAQBOT_HOME", dir.resolve("home").toString());
    int code = new Cli(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void importIsIdempotentAndSearchFindsTheEntry() throws IOException {
    Path page = write("numb-foot.txt", PAGE);
    Path article = write("vitamin-d.txt", ARTICLE);
    Result first = run("", "import", page.toString(), article.toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("2 added, 0 updated, 0 unchanged"), first.out());
    Result again = run("", "import", page.toString(), article.toString());
    assertTrue(again.out().contains("0 added, 0 updated, 2 unchanged"), again.out());

    Result search = run("", "search", "--json", "-k", "1", "my foot is numb since kyphoplasty");
    assertEquals(0, search.code(), search.err());
    JsonNode hits = new ObjectMapper().readTree(search.out());
    assertEquals(1, hits.size());
    assertEquals("Numb foot after kyphoplasty", hits.get(0).get("title").asText());
    assertEquals("qa", hits.get(0).get("kind").asText());
    assertEquals("published", hits.get(0).get("status").asText());
    double confidence = hits.get(0).get("confidence").asDouble();
    assertTrue(confidence > 0 && confidence <= 1, "confidence " + confidence);
  }

  @Test
  void brokenFileIsReportedWithItsLineAndStoresNothing() throws IOException {
    Path broken = write("broken.txt", "Title only\nDr. Someone reply Cardiology\nReply Date: 2024/01/01\n");
    Result r = run("", "import", "--format", "qa_page", broken.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("broken.txt") && r.err().contains("line"), r.err());
    Result search = run("", "search", "--json", "cardiology");
    assertEquals("[ ]", search.out().strip());
  }

  @Test
  void exportThenImportIntoAnEmptyBaseRoundTrips() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString(), write("vitamin-d.txt", ARTICLE).toString());
    Path export = dir.resolve("all.jsonl");
    assertEquals(0, run("", "export", export.toString()).code());
    String exported = Files.readString(export);
    assertEquals(2, exported.lines().count());

    Path otherHome = dir.resolve("other");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cli other = new Cli(Map.of("FAQBOT_HOME", otherHome.toString()), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, other.run(new String[] {"import", export.toString()}));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 added"), out.toString(StandardCharsets.UTF_8));
    Path again = dir.resolve("again.jsonl");
    assertEquals(0, other.run(new String[] {"export", again.toString()}));
    assertEquals(exported, Files.readString(again));
  }

  @Test
  void askAnswersWithDisclaimerAndPutsEmergenciesFirst() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString());
    Result r = run("my foot is numb after balloon kyphoplasty, is it the cement?\n"
        + "I have crushing chest pain right now and I am sweating\n", "ask", "--json");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(2, lines.length, r.out());
    ObjectMapper json = new ObjectMapper();
    JsonNode answer = json.readTree(lines[0]);
    assertEquals("answer", answer.get("outcome").asText(), lines[0]);
    assertEquals("page:numb-foot", answer.get("externalId").asText());
    assertTrue(answer.get("reply").asText().contains("Numbness after kyphoplasty"), lines[0]);
    assertTrue(answer.get("disclaimer").asText().length() > 20, lines[0]);
    JsonNode emergency = json.readTree(lines[1]);
    assertEquals("emergency", emergency.get("outcome").asText(), lines[1]);
    assertTrue(emergency.get("entryId").isNull(), lines[1]);
  }

  @Test
  void askReadsEachLineOnItsOwnNotAsAFollowUpToTheLineBefore() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString());
    Result r = run("my foot is numb after balloon kyphoplasty, is it the cement?\n"
        + "what helps with that?\n", "ask", "--json");
    String[] lines = r.out().strip().split("\n");
    assertEquals(2, lines.length, r.out());
    JsonNode second = new ObjectMapper().readTree(lines[1]);
    assertEquals("no_match", second.get("outcome").asText(), lines[1]);
    assertFalse(second.get("reply").asText().contains("follow-up"), lines[1]);
  }

  private static final String NUMB_FOOT = "my foot is numb since balloon kyphoplasty, is it the cement?";

  /** A LiveQA directory with one dev question whose best answer is the imported page. */
  private Path tinyLiveQa() throws IOException {
    Path data = Files.createDirectories(dir.resolve("liveqa"));
    Files.writeString(data.resolve("TREC-2017-LiveQA-Medical-Test.xml"), "<?xml version=\"1.0\"?><Set>"
        + "<NLM-QUESTION qid=\"TQ1\"><Original-Question><SUBJECT>numb foot</SUBJECT><MESSAGE>" + NUMB_FOOT
        + "</MESSAGE></Original-Question></NLM-QUESTION></Set>");
    Files.writeString(data.resolve("All-qrels_LiveQAMed2017-TestQuestions_2479_Judged-Answers.txt"),
        "1 4-Excellent page:numb-foot.txt\n");
    return data;
  }

  @Test
  void evalLiveQaExpectFailsOnAWorseFigureAndOnAKeyItDoesNotPrint() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString());
    String data = tinyLiveQa().toString();
    Result ok = run("", "eval", "liveqa", "--split", "dev", "--data", data,
        "--expect", write("ok.properties", "avgScore=3.0\nshown.avgScore=3.0\nshown.answerRate=1.0\n").toString());
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("shown.avgScore   3.0000"), ok.out());

    Result worse = run("", "eval", "liveqa", "--split", "dev", "--data", data,
        "--expect", write("worse.properties", "shown.avgScore=3.5\n").toString());
    assertEquals(1, worse.code(), worse.out() + worse.err());
    assertTrue(worse.err().contains("regression: shown.avgScore"), worse.err());

    Result unknown = run("", "eval", "liveqa", "--split", "dev", "--data", data,
        "--expect", write("unknown.properties", "avgScore=3.0\nshown.avgscore=0\n").toString());
    assertEquals(2, unknown.code(), unknown.out() + unknown.err());
    assertTrue(unknown.err().contains("'shown.avgscore' is not printed"), unknown.err());
  }

  @Test
  void evalQuestionsCountsRightAndWrongAnswersAndChecksLowerIsBetterFigures() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString());
    Path lines = write("q.jsonl", "{\"id\":\"1\",\"text\":\"" + NUMB_FOOT + "\",\"source\":\"seed-qa\"}\n"
        + "{\"id\":\"2\",\"text\":\"" + NUMB_FOOT + "\",\"source\":\"seed-article\"}\n"
        + "{\"id\":\"3\",\"text\":\"who won the chess match yesterday\",\"expect\":\"no_match\"}\n");
    Result ok = run("", "eval", "questions", lines.toString(), "--expect",
        write("ok.properties", "success@1=0.3333\nwrongAnswer=0.3333\nhonestDecline=1.0\n").toString());
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("seed.wrongAnswer         0.5000"), ok.out());

    // more wrong answers than expected is a regression although the number went up
    Result worse = run("", "eval", "questions", lines.toString(), "--expect",
        write("worse.properties", "wrongAnswer=0.2\n").toString());
    assertEquals(1, worse.code(), worse.out() + worse.err());
    assertTrue(worse.err().contains("wrongAnswer is 0.3333, expected at most 0.2000"), worse.err());

    Result unknown = run("", "eval", "questions", lines.toString(), "--expect",
        write("unknown.properties", "no_match.success@1=0\n").toString());
    assertEquals(2, unknown.code(), unknown.out() + unknown.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("", "frobnicate").code());
    assertEquals(2, run("", "search").code());
    assertEquals(2, run("", "search", "-k", "zero", "text").code());
    assertEquals(2, run("", "eval", "liveqa", "--split", "train").code());
    assertEquals(2, run("", "import").code());
    assertEquals(2, run("", "ask", "--jsno", "text").code());
    assertEquals(2, run("", "chat", "--role", "doctor").code());
    Result help = run("", "help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("eval liveqa"));
  }

  @Test
  void helpIsGeneratedForTheCommandLineAndEachCommand() {
    Result top = run("", "--help");
    assertEquals(0, top.code(), top.err());
    for (String command : new String[] {"run", "chat", "ask", "import", "search", "export",
        "reindex", "eval", "bench", "logs", "stats", "export-logs", "dashboard"}) {
      assertTrue(top.out().contains("\n  " + command + " "), command + " in " + top.out());
    }
    Result importHelp = run("", "import", "--help");
    assertEquals(0, importHelp.code(), importHelp.err());
    assertTrue(importHelp.out().startsWith("Usage: faqbot import"), importHelp.out());
    assertTrue(importHelp.out().contains("--format=F"), importHelp.out());
    Result nested = run("", "help", "eval", "liveqa");
    assertEquals(0, nested.code(), nested.err());
    assertTrue(nested.out().contains("--split=dev|test|all"), nested.out());
  }

  @Test
  void aUsageErrorSaysWhatIsWrongAndWhereHelpIs() {
    Result r = run("", "search", "-k", "0", "text");
    assertEquals(2, r.code());
    assertEquals("faqbot: -k must be between 1 and 1000: 0\n"
        + "Run 'faqbot search --help' for usage.\n", r.err());
    assertTrue(run("", "imprt").err().contains("Did you mean: faqbot import"));
  }

  @Test
  void theHomeMayComeAfterTheCommand() throws IOException {
    Path other = dir.resolve("other");
    Result r = run("", "import", "--home", other.toString(), write("numb-foot.txt", PAGE).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isRegularFile(other.resolve("faqbot.db")), "imported into --home");
    assertTrue(!Files.exists(dir.resolve("home")), "FAQBOT_HOME untouched");
  }

  @Test
  void missingFileIsAnErrorNotAStackTrace() {
    Result r = run("", "import", dir.resolve("nope.txt").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("nope.txt"), r.err());
    assertTrue(!r.err().contains("\tat "), r.err());
  }

  @Test
  void consoleChatAnswersPressesButtonsByNumberAndChecksRoles() throws IOException {
    run("", "import", write("numb-foot.txt", PAGE).toString());
    Result patient = run("my foot is numb after balloon kyphoplasty, is it the cement?\n1\n/logs\n/quit\n",
        "chat");
    assertEquals(0, patient.code(), patient.err());
    String out = patient.out();
    int answer = out.indexOf("== Numb foot after kyphoplasty ==");
    assertTrue(answer > 0, out);
    assertTrue(out.indexOf("[1] Read the full answer", answer) > answer, out);
    // pressing 1 shows the whole reply, including the sentence the summary may leave out
    assertTrue(out.indexOf("go to an emergency department if weakness or bladder problems appear",
        out.indexOf("[1] Read the full answer")) > 0, out);
    assertTrue(out.contains("not allowed to use /logs"), out);

    Result admin = run("/logs\n/quit\n", "chat", "--role", "admin");
    assertEquals(0, admin.code(), admin.err());
    assertTrue(!admin.out().contains("not allowed"), admin.out());
  }

  @Test
  void withoutAPlatformTokenTheBotFallsBackToTheConsoleWithTheExamplePack() {
    Result r = run("/quit\n");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("starting the console chat"), r.err());
    assertTrue(r.err().contains("example pack"), r.err());
    assertTrue(r.out().contains("faqbot console (patient)"), r.out());
  }
}

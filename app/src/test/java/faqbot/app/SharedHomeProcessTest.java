package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot and the command line on one home, in two real processes: a long-running {@code faqbot
 * ask} in its own JVM holds the index (as the bot does), and command-line runs in this JVM
 * import, read statistics and logs beside it.
 */
class SharedHomeProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUESTION = "Can a broken cheekbone heal without an operation?";

  @TempDir Path dir;
  private Process bot;
  private Writer toBot;
  private BufferedReader fromBot;

  record Result(int code, String out, String err) {}

  private Path home() {
    return dir.resolve("home");
  }

  private Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = home().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = new Cli(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code faqbot ask --json} reading questions from its standard input, in its own JVM. */
  private void startBot() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--home", home().toString(),
        "ask", "--json");
    pb.environment().keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("DISCORD_")
        || k.startsWith("FAQBOT_"));
    pb.redirectError(dir.resolve("bot.err").toFile());
    bot = pb.start();
    toBot = new OutputStreamWriter(bot.getOutputStream(), StandardCharsets.UTF_8);
    fromBot = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
  }

  private JsonNode ask(String question) throws IOException {
    toBot.write(question + "\n");
    toBot.flush();
    String line = fromBot.readLine();
    if (line == null) {
      throw new AssertionError("the bot process ended:\n" + botErrors());
    }
    return JSON.readTree(line);
  }

  private String botErrors() throws IOException {
    return Files.readString(dir.resolve("bot.err"));
  }

  @AfterEach
  void stopBot() throws Exception {
    if (bot != null) {
      bot.getOutputStream().close();
      if (!bot.waitFor(30, TimeUnit.SECONDS)) {
        bot.destroyForcibly();
      }
    }
  }

  @Test
  void aPageImportedBesideTheRunningBotIsAnsweredWithinFiveSeconds() throws Exception {
    startBot();
    // the bot is up (example pack loaded, index built) once it answers
    JsonNode before = ask(QUESTION);
    assertFalse("cheekbone-1".equals(before.path("externalId").asText()));
    Path page = dir.resolve("cheekbone.jsonl");
    Files.writeString(page, "{\"kind\":\"QA\",\"title\":\"" + QUESTION + "\",\"question\":\""
        + QUESTION + "\",\"reply\":\"Most cheekbone fractures that are not displaced heal in about"
        + " six weeks without surgery; a displaced one is usually fixed within two weeks.\","
        + "\"doctorName\":\"Example Chen\",\"specialty\":\"Maxillofacial surgery\","
        + "\"source\":{\"externalId\":\"cheekbone-1\"}}\n");

    Result imported = cli("import", page.toString());
    long importedAt = System.nanoTime();
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.out().contains("1 added"), imported.out());
    assertTrue(imported.out().contains(Cli.INDEXED_ELSEWHERE), imported.out());

    JsonNode answer;
    do {
      answer = ask(QUESTION);
      if ("cheekbone-1".equals(answer.path("externalId").asText())) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() - importedAt < TimeUnit.SECONDS.toNanos(5));
    long ms = (System.nanoTime() - importedAt) / 1_000_000;
    assertEquals("cheekbone-1", answer.path("externalId").asText(),
        "not answered with the imported page " + ms + " ms after the import:\n" + answer);
    assertEquals("answer", answer.path("outcome").asText(), answer.toString());
    System.out.println("SharedHomeProcessTest: the bot answered with the imported page " + ms
        + " ms after the import returned");

    // the command line's reads work beside the bot too
    // a reader sees the holder's commits, which may follow its own answer by a moment
    Result search;
    long searchFrom = System.nanoTime();
    do {
      search = cli("search", "--json", "-k", "1", QUESTION);
      assertEquals(0, search.code(), search.err());
      if (search.out().contains("cheekbone-1")) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() - searchFrom < TimeUnit.SECONDS.toNanos(5));
    assertTrue(search.out().contains("cheekbone-1"), search.out());
    Result export = cli("export", dir.resolve("all.jsonl").toString());
    assertEquals(0, export.code(), export.err());
    assertTrue(Files.readString(dir.resolve("all.jsonl")).contains("cheekbone-1"));
  }

  @Test
  void statsAndLogsSucceedDuringA200MessageLoad() throws Exception {
    startBot();
    ask("What is kyphoplasty?");
    String[] questions = {
        "What is kyphoplasty?", "Is cement leakage after kyphoplasty dangerous?",
        "How long does back pain last after vertebroplasty?", "my back hurts since the cement",
        "What is osteoporosis?", "Can I fly after a spine procedure?"};
    List<JsonNode> answers = new ArrayList<>();
    Thread load = new Thread(() -> {
      try {
        for (int i = 0; i < 200; i++) {
          answers.add(ask(questions[i % questions.length]));
          // paced at most 40 a second, so that the load lasts for several command-line runs
          Thread.sleep(25);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    load.start();
    long started = System.nanoTime();
    int reads = 0;
    int duringLoad = 0;
    while (load.isAlive() || reads < 2) {
      for (String[] args : List.of(new String[] {"stats", "--days", "1"},
          new String[] {"logs", "--days", "1", "--limit", "5"})) {
        boolean aliveBefore = load.isAlive();
        Result r = cli(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        assertFalse(r.err().contains("SQLITE_BUSY") || r.err().contains("locked"), r.err());
        reads++;
        duringLoad += aliveBefore && load.isAlive() ? 1 : 0;
      }
    }
    load.join();
    assertTrue(duringLoad >= 2, "only " + duringLoad + " runs overlapped the load");
    assertEquals(200, answers.size());
    for (JsonNode a : answers) {
      assertFalse("error".equals(a.path("outcome").asText()), a.toString());
    }
    String errors = botErrors();
    assertFalse(errors.contains("SQLITE_BUSY") || errors.contains("database is locked"), errors);
    Result stats = cli("stats", "--days", "1");
    assertTrue(stats.out().contains("questions"), stats.out());
    System.out.printf("SharedHomeProcessTest: %d stats/logs runs, %d of them wholly during 200"
        + " messages answered in %.1f s%n", reads, duringLoad, (System.nanoTime() - started) / 1e9);
  }
}

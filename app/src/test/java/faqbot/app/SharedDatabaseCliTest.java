package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faqbot.knowledge.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas on one PostgreSQL through the command line: each with its own home (search index),
 * all with the same entries, log and queue; and a home's SQLite copied into PostgreSQL.
 */
class SharedDatabaseCliTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> replica(String name, String url) {
    Map<String, String> env = new HashMap<>();
    env.put("FAQBOT_HOME", dir.resolve(name).toString());
    if (url != null) {
      env.put("FAQBOT_DATABASE_URL", url);
    }
    return env;
  }

  @Test
  void whatOneReplicaImportsAnotherAnswersAndBothSeeOneLog() throws Exception {
    String url = PostgresServer.freshUrl();
    Path page = dir.resolve("numb-foot.txt");
    Files.writeString(page, CliTest.PAGE);
    Result imported = run(replica("a", url), "import", page.toString());
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.out().contains("1 added"), imported.out());

    Result asked = run(replica("b", url), "ask", "--json",
        "my left foot is numb since my kyphoplasty, is it the cement?");
    assertEquals(0, asked.code(), asked.err());
    JsonNode answer = new ObjectMapper().readTree(asked.out().lines().findFirst().orElseThrow());
    assertEquals("answer", answer.get("outcome").asText(), asked.out());
    assertEquals("page:numb-foot", answer.get("externalId").asText(), asked.out());
    // no database file in a replica's home: the entries, the log and the key are shared
    assertTrue(Files.notExists(dir.resolve("b").resolve("faqbot.db")));
    assertTrue(Files.notExists(dir.resolve("b").resolve("user-key")));

    Result logs = run(replica("a", url), "logs", "--days", "1");
    assertEquals(0, logs.code(), logs.err());
    assertTrue(logs.out().contains("answered"), logs.out());
  }

  @Test
  void replicasStartingTogetherOnAnEmptyDatabaseLoadTheExamplePackOnce() throws Exception {
    String url = PostgresServer.freshUrl();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Result>> started = new ArrayList<>();
      for (String name : List.of("r1", "r2", "r3")) {
        started.add(pool.submit(() -> run(replica(name, url), "ask", "what is vertigo?")));
      }
      List<String> loads = new ArrayList<>();
      for (Future<Result> f : started) {
        Result r = f.get(3, TimeUnit.MINUTES);
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern
            .compile("loaded the bundled example pack \\((\\d+) entries\\)").matcher(r.err());
        if (m.find()) {
          loads.add(m.group(1));
        }
      }
      assertEquals(1, loads.size(), "one replica loads the pack, the others find it loaded");
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM entries")) {
        rs.next();
        assertEquals(Integer.parseInt(loads.get(0)), rs.getInt(1), "the pack's entries, once");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHomeIsCopiedIntoPostgresqlWithCountsAndChecksums() throws Exception {
    Path article = dir.resolve("vitamin-d.txt");
    Files.writeString(article, CliTest.ARTICLE);
    assertEquals(0, run(replica("single", null), "import", article.toString()).code());
    String url = PostgresServer.freshUrl();

    Result copied = run(replica("single", null), "migrate",
        "--from", "sqlite:" + dir.resolve("single").resolve("faqbot.db"), "--to", "postgres:" + url);
    assertEquals(0, copied.code(), copied.err());
    assertTrue(copied.out().matches("(?s).*\\bentries\\s+1\\s+[0-9a-f]{16}.*"), copied.out());
    assertTrue(copied.out().contains("every table matches"), copied.out());

    Result found = run(replica("replica", url), "search", "--json", "-k", "1",
        "does vitamin d help my bones");
    assertEquals(0, found.code(), found.err());
    assertEquals("Vitamin D And Bone Strength",
        new ObjectMapper().readTree(found.out()).get(0).get("title").asText());

    Result again = run(replica("single", null), "migrate",
        "--from", "sqlite:" + dir.resolve("single").resolve("faqbot.db"), "--to", "postgres:" + url);
    assertEquals(1, again.code(), "a second copy into the same database is refused");
    assertTrue(again.err().contains("empty database"), again.err());

    Result bad = run(replica("single", null), "migrate", "--from", "mysql:x", "--to",
        "postgres:" + url);
    assertEquals(2, bad.code());
  }
}

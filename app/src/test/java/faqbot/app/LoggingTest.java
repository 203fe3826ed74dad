package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process's logging, in a JVM of its own because Logback reads its configuration once: the
 * bot's lines go to a rotated file in its home, never into the console chat, and the JSON format
 * writes one object per line.
 */
class LoggingTest {
  @TempDir Path dir;

  @Test
  void theConsoleBotLogsToItsHomeAndKeepsTheChatClean() throws Exception {
    Path home = dir.resolve("home");
    Run run = start(home, Map.of());
    assertEquals(0, run.exit, run.output);
    // the knowledge module's System.Logger line on a first start: in the file, not in the chat
    assertFalse(run.output.contains("rebuilding the search index"), run.output);
    assertFalse(run.output.contains("|-INFO in ch.qos.logback"), run.output);
    assertTrue(run.output.contains("faqbot console"), run.output);
    Path log = home.resolve("logs/faqbot.log");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  \\[main\\] faqbot\\.knowledge\\.KnowledgeBase: "
        + "rebuilding the search index.*"), text);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())));
    assertFalse(Files.exists(home.resolve("logs/faqbot.jsonl")));
  }

  @Test
  void jsonLinesOnRequest() throws Exception {
    Path home = dir.resolve("home");
    Run run = start(home, Map.of("FAQBOT_LOG_FORMAT", "JSON"));
    assertEquals(0, run.exit, run.output);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(Files.readAllLines(home.resolve("logs/faqbot.jsonl")).get(0));
    assertEquals("INFO", first.get("level").asText());
    assertEquals("faqbot.knowledge.KnowledgeBase", first.get("loggerName").asText());
    assertFalse(Files.exists(home.resolve("logs/faqbot.log")));
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    Run run = start(dir.resolve("home"), Map.of("FAQBOT_LOG_FORMAT", "xml"));
    assertEquals(2, run.exit, run.output);
    assertTrue(run.output.contains("FAQBOT_LOG_FORMAT: expected text or json, got 'xml'"), run.output);
  }

  private record Run(int exit, String output) {}

  private Run start(Path home, Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("out.txt");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--home", home.toString(), "run")
        .redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TELEGRAM_") || k.startsWith("DISCORD_")
        || k.startsWith("FAQBOT_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write("/quit\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    boolean finished = p.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(finished, "the bot did not stop in 3 minutes:\n" + output);
    return new Run(p.exitValue(), output);
  }
}

package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.KnowledgeBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports while another opening of the home (the bot) holds the index. */
class ImportBesideBotTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void aFileTooLargeToImportBesideTheBotIsRefusedAndAMidSizedOneIsQuick() throws Exception {
    Path home = dir.resolve("home");
    Path mid = dir.resolve("mid.jsonl");
    int entries = BigFiles.jsonl(mid, 12L << 20, 2_000, 7);
    Path huge = dir.resolve("huge.jsonl");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(Cli.MAX_FILE_BESIDE_BOT + 1); // sparse: refused before it is read
    }
    try (KnowledgeBase bot = KnowledgeBase.open(home)) {
      assertTrue(bot.holdsIndex());
      String[] refused = run("--home", home.toString(), "import", huge.toString());
      assertEquals("1", refused[0]);
      assertTrue(refused[2].contains("more than the 16 MB"), refused[2]);
      assertEquals(0, bot.counts().total());

      long start = System.nanoTime();
      String[] ok = run("--home", home.toString(), "import", mid.toString());
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals("0", ok[0], ok[2]);
      assertEquals(entries, bot.counts().total());
      System.out.printf("ImportBesideBotTest: a 12 MB file (%d entries) stored beside the bot in %.1f s%n",
          entries, seconds);
    }
  }
}

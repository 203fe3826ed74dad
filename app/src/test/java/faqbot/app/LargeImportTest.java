package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files just over the size that used to end in {@code OutOfMemoryError} with the bot's 256 MB
 * heap (a 50 MB JSONL file and a 55 MB MedQuAD XML file, read whole by {@code Cli.readUtf8}: the
 * bytes, a char buffer of twice their size and the string made of it) import in a JVM started
 * with that heap. The 200 MB figures come from {@link BigImportBench}.
 */
class LargeImportTest {
  @TempDir Path dir;

  @Test
  void filesJustOverTheOldLimitImportWith256MbOfHeap() throws Exception {
    Path xml = dir.resolve("big/0000001.xml");
    Files.createDirectories(xml.getParent());
    // long answers: the file size is what matters, and fewer entries embed faster
    int pairs = BigFiles.medquadXml(xml, 56L << 20, 40_000, 1);
    Path jsonl = dir.resolve("big.jsonl");
    int lines = BigFiles.jsonl(jsonl, 51L << 20, 40_000, 2);
    assertTrue(Files.size(xml) > 55L << 20 && Files.size(jsonl) > 50L << 20);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--home", dir.resolve("home").toString(), "import", xml.toString(),
        jsonl.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start();
    boolean finished = p.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertTrue(finished, "the import did not finish in 15 minutes:\n" + out);
    assertFalse(out.contains("OutOfMemoryError"), out);
    assertEquals(0, p.exitValue(), out);
    List<String> summary = out.lines().toList();
    assertTrue(summary.contains("big/0000001.xml: medquad, " + pairs + " added, 0 updated, 0 unchanged, 0 skipped"),
        out);
    assertTrue(summary.contains(dir.getFileName() + "/big.jsonl: jsonl, " + lines
        + " added, 0 updated, 0 unchanged, 0 skipped"), out);
  }
}

package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import command's reports, and what exports do to the files they write. */
class CliImportTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(Map.of("FAQBOT_HOME", dir.resolve("home").toString()),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static String qa(String id, String question, String reply) {
    return "{\"kind\":\"QA\",\"title\":\"" + question + "\",\"question\":\"" + question
        + "\",\"reply\":\"" + reply + "\",\"source\":{\"externalId\":\"" + id + "\"}}\n";
  }

  static String medquad(String pairs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"1\" source=\"GHR\">\n"
        + "<Focus>Gout</Focus>\n<QAPairs>\n" + pairs + "</QAPairs>\n</Document>\n";
  }

  static String pair(String question, String answer) {
    return "<QAPair><Question qtype=\"information\">" + question + "</Question><Answer>" + answer
        + "</Answer></QAPair>\n";
  }

  @Test
  void badFilesAreReportedWithTheirPlaceAndEveryOtherFileIsImported() throws IOException {
    write("in/a.jsonl", qa("a-1", "What is gout?", "Arthritis from uric acid.")
        + qa("a-2", "What is asthma?", "A disease of the airways."));
    write("in/b.jsonl", qa("b-1", "What is acne?", "A skin condition.")
        + qa("b-2", "What is eczema?", "Dry itchy skin.")
        // a blank question passes the parser and is refused by the store's CHECK constraint
        + qa("b-3", "   ", "An answer to nothing."));
    write("in/c.xml", medquad(pair("What is psoriasis ?", "A skin disease with plaques.")));
    write("in/d.xml", medquad(pair("What is rosacea ?", "Redness of the face.")
        + "<QAPair><Question>Broken</Question><Answer>never closed</QAPair>\n"));
    write("in/e.jsonl", qa("e-1", "What is tinnitus?", "Ringing in the ears."));

    Result r = run("import", dir.resolve("in").toString());

    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("in/b.jsonl (line 3): entry b-3 was refused by the store"), r.err());
    assertTrue(r.err().contains("in/d.xml (line 6"), r.err());
    // the summary lists every file with its counts, the failed ones included, then the totals
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.contains("in/a.jsonl: jsonl, 2 added, 0 updated, 0 unchanged, 0 skipped"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("in/b.jsonl: FAILED, nothing imported: in/b.jsonl (line 3)")),
        r.out());
    assertTrue(lines.contains("in/c.xml: medquad, 1 added, 0 updated, 0 unchanged, 0 skipped"), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("in/d.xml: FAILED")), r.out());
    assertTrue(lines.contains("in/e.jsonl: jsonl, 1 added, 0 updated, 0 unchanged, 0 skipped"), r.out());
    assertTrue(r.out().contains("5 files: 4 added, 0 updated, 0 unchanged, 0 skipped, 2 failed"), r.out());

    // the files after the bad ones were imported; nothing of the bad ones was
    assertEquals("e-1", firstHit("ringing in my ears"));
    assertEquals("a-1", firstHit("arthritis from uric acid"));
    assertFalse(run("search", "--json", "-k", "20", "dry itchy skin eczema").out().contains("\"b-"));
    assertFalse(run("search", "--json", "-k", "20", "redness of the face rosacea").out().contains("GHR_d_"));
  }

  private String firstHit(String text) {
    String json = run("search", "--json", "-k", "1", text).out();
    return json.replaceAll("(?s).*\"externalId\" : \"([^\"]+)\".*", "$1");
  }

  @Test
  void aFileNamedOnTheCommandLineWithAnUnknownFormatFailsButTheOthersImport() throws IOException {
    Path notes = write("notes.txt", "just some notes\n");
    Path good = write("good.jsonl", qa("g-1", "What is gout?", "Arthritis."));
    Result r = run("import", notes.toString(), good.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("notes.txt: unknown format (use --format)"), r.err());
    assertTrue(r.out().contains("good.jsonl: jsonl, 1 added"), r.out());
  }

  @Test
  void aFailingExportLeavesTheOldFileIntact() throws IOException {
    assertEquals(0, run("import", write("a.jsonl", qa("a-1", "What is gout?", "Arthritis.")).toString()).code());
    Path logs = write("logs.csv", "the export of last week\n");
    Path entries = write("entries.jsonl", "the entries of last week\n");
    // a database that cannot be read: every export fails after its target was chosen
    Path db = dir.resolve("home/faqbot.db");
    for (String f : List.of("faqbot.db-wal", "faqbot.db-shm")) {
      Files.deleteIfExists(dir.resolve("home").resolve(f));
    }
    Files.writeString(db, "this is not a database, it is a text file of some length ".repeat(100));

    Result exportLogs = run("export-logs", logs.toString());
    assertEquals(1, exportLogs.code(), exportLogs.out() + exportLogs.err());
    assertEquals("the export of last week\n", Files.readString(logs));
    Result export = run("export", entries.toString());
    assertEquals(1, export.code(), export.out() + export.err());
    assertEquals("the entries of last week\n", Files.readString(entries));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
    }
  }

  @Test
  void theHomeAndEveryExportAreTheOwnersAlone() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    assertEquals(0, run("import", write("a.jsonl", qa("a-1", "What is gout?", "Arthritis.")).toString()).code());
    Path entries = dir.resolve("entries.jsonl");
    Path logs = write("logs.csv", "old\n");
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, run("export", entries.toString()).code());
    assertEquals(0, run("export-logs", logs.toString()).code());
    assertEquals("rwx------", mode(dir.resolve("home")));
    assertEquals("rw-------", mode(dir.resolve("home/faqbot.db")));
    assertEquals("rw-------", mode(entries));
    assertEquals("rw-------", mode(logs));
    assertTrue(Files.readString(logs).startsWith("id,time,platform"), Files.readString(logs));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}

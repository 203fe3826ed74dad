package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path dir;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAsItWasAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("logs.csv");
    Files.writeString(target, "the previous export\n");
    IOException e = assertThrows(IOException.class, () -> PrivateFiles.writeAtomically(target, w -> {
      w.write("half of the new export\n".repeat(10_000));
      w.flush();
      throw new IOException("the database went away");
    }));
    assertEquals("the database went away", e.getMessage());
    assertEquals("the previous export\n", Files.readString(target));
    assertEquals(List.of("logs.csv"), names());
  }

  @Test
  void aWriteReplacesTheFileWholeAndOwnerOnly() throws IOException {
    Path target = dir.resolve("all.jsonl");
    Files.writeString(target, "old\n");
    if (PrivateFiles.posix(dir)) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    }
    PrivateFiles.writeAtomically(target, w -> w.write("new\n"));
    assertEquals("new\n", Files.readString(target));
    assertEquals(List.of("all.jsonl"), names());
    assumeTrue(PrivateFiles.posix(dir), "POSIX permissions");
    assertEquals("rw-------", mode(target));
  }

  @Test
  void aNewHomeIsOwnerOnlyAndSoAreTheDatabaseAndItsWalAndShm() throws Exception {
    assumeTrue(PrivateFiles.posix(dir), "POSIX permissions");
    Path home = dir.resolve("parent/home");
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.importDocument(KnowledgeBaseTestEntries.doc("a.txt",
          KnowledgeBaseTestEntries.qa("a-1", "What is gout?", "Arthritis.")));
      assertEquals("rwx------", mode(home));
      for (String f : List.of("faqbot.db", "faqbot.db-wal", "faqbot.db-shm")) {
        assertTrue(Files.exists(home.resolve(f)), f);
        assertEquals("rw-------", mode(home.resolve(f)), f);
      }
    }
  }

  @Test
  void anOlderWorldReadableHomeIsTightenedOnOpen() throws Exception {
    assumeTrue(PrivateFiles.posix(dir), "POSIX permissions");
    Path home = dir.resolve("home");
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.counts();
    }
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(home.resolve("faqbot.db"), PosixFilePermissions.fromString("rw-r--r--"));
    try (KnowledgeBase kb = KnowledgeBase.open(home);
        Connection c = Sqlite.open(kb.databaseFile());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (x)");
      assertEquals("rwx------", mode(home));
      assertEquals("rw-------", mode(home.resolve("faqbot.db")));
      assertEquals("rw-------", mode(home.resolve("faqbot.db-wal")));
    }
  }

  @Test
  void anExistingDirectoryThatIsNoHomeIsLeftAlone() throws Exception {
    assumeTrue(PrivateFiles.posix(dir), "POSIX permissions");
    Path shared = dir.resolve("shared");
    Files.createDirectory(shared);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrivateFiles.createPrivateDirectory(shared);
    assertEquals("rwxr-xr-x", mode(shared));
  }
}

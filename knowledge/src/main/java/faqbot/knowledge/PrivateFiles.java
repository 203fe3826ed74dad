package faqbot.knowledge;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold patients' questions and staff ids: the data directory is the owner's alone
 * (0700), and the database and every export are owner read/write only (0600). On a file system
 * without POSIX permissions these steps are skipped; the platform's own access control applies.
 *
 * <p>Writes of whole files are atomic: the content goes to a temporary file in the target's
 * directory, is forced to disk, and then renamed over the target, so a failed export leaves the
 * previous file as it was instead of empty or half-written.
 */
public final class PrivateFiles {
  private static final System.Logger LOG = System.getLogger(PrivateFiles.class.getName());
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Content written to a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /**
   * Creates the directory (and missing parents) with mode 0700. An existing directory is
   * tightened to 0700 when it is a faqbot data directory (it holds {@code faqbot.db}): installs
   * made before this rule have a world-readable one. Any other existing directory is left alone,
   * since it may be shared ({@code --home /tmp/x} must not change /tmp).
   */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      if (Files.exists(dir.resolve("faqbot.db"))) {
        tighten(dir, OWNER_DIR);
      }
      return;
    }
    if (posix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Creates an empty file with mode 0600 unless it exists; an existing one is tightened to 0600.
   * SQLite gives a database's WAL and shared-memory files the database file's mode, so creating
   * the database this way covers them.
   */
  static void createPrivateFile(Path file) throws IOException {
    if (Files.exists(file)) {
      tighten(file, OWNER_FILE);
      return;
    }
    try {
      if (posix(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // created by another process in between: tighten that one instead
      tighten(file, OWNER_FILE);
    }
  }

  /** Sets the mode to 0600 (0700 for a directory) when it grants more; absent files are fine. */
  static void restrict(Path path) throws IOException {
    if (Files.exists(path)) {
      tighten(path, Files.isDirectory(path) ? OWNER_DIR : OWNER_FILE);
    }
  }

  /** Writes UTF-8 text atomically with mode 0600 (see the class comment). */
  public static void writeAtomically(Path target, Content content) throws IOException {
    writeBytesAtomically(target, out -> {
      Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      content.writeTo(w);
      w.flush();
    });
  }

  /** Writes bytes atomically with mode 0600 (see the class comment). */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    writeBytesAtomically(target, out -> out.write(bytes));
  }

  @FunctionalInterface
  private interface Bytes {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeBytesAtomically(Path target, Bytes content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + " is a directory");
    }
    // createTempFile makes the file 0600 on POSIX systems; the random name cannot clash with a
    // concurrent export to the same target
    FileAttribute<?>[] attrs = posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attrs);
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
        content.writeTo(out);
        out.flush();
        // on disk before the rename: after a crash the target is the old file or the new one
        ch.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // same directory, so this is a file system without atomic rename: still never truncated
        // before the new content is complete, only not atomic
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  static boolean posix(Path path) {
    Path p = path.toAbsolutePath();
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (!posix(path)) {
      return;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path);
    if (mode.containsAll(current)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (java.nio.file.FileSystemException e) {
      // someone else's file we may use but not change: say so rather than refuse to run
      LOG.log(System.Logger.Level.WARNING, "{0} is readable by others and its mode cannot be"
          + " changed: {1}", path, e.getMessage());
    }
  }
}

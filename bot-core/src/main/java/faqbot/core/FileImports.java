package faqbot.core;

import faqbot.knowledge.Format;
import faqbot.knowledge.ImportReport;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a moderator sends through chat: fetched into a private directory under the data
 * directory, a zip unpacked there, each file previewed with the knowledge base's own import run
 * in a rolled-back transaction, and imported on confirm with the same parsers, checks and errors
 * as {@code faqbot import}. Between the preview and the confirmation the bytes sent are kept in the
 * database ({@link Conversations#keepUpload}), not on this replica's disk, since the confirmation
 * may reach another replica: it stages them again there ({@link #restage}). A staged directory
 * lasts one turn: nothing of a file stays on disk after the preview or the import.
 */
final class FileImports {
  private static final Logger LOG = LoggerFactory.getLogger(FileImports.class);
  /** Everything a zip may unpack to: a zip bomb stops here. */
  static final long MAX_UNPACKED_BYTES = 256L << 20;
  static final int MAX_ZIP_FILES = 10_000;
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /** A file ready to import: the name reports use and where its bytes are. */
  record StagedFile(String name, Path path, boolean fromZip) {}

  /** What a moderator sent, on disk: {@code raw} is the file as sent (a zip before unpacking). */
  record Staged(String sent, Path dir, Path raw, List<StagedFile> files) {
    Staged {
      files = List.copyOf(files);
    }
  }

  /** One file's outcome, worded as the command line words it. */
  record Outcome(String name, ImportReport report, String error, boolean passedOver) {}

  private final Path uploads;

  FileImports(Path uploads) {
    this.uploads = uploads;
  }

  /** Removes what an earlier run left (a crash between upload and confirm). */
  void clearLeftovers() {
    if (!Files.isDirectory(uploads)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploads)) {
      for (Path d : dirs) {
        deleteTree(d);
      }
    } catch (IOException e) {
      LOG.warn("cannot clear old uploads in {}: {}", uploads, e.toString());
    }
  }

  /** A file too large or not readable: said to the moderator as it is. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Fetches the file into a new private directory, unpacking a zip. The platform's size limit
   * holds whatever size the platform announced.
   */
  Staged stage(IncomingFile file) throws IOException, Refused {
    if (file.size() > file.maxBytes()) {
      throw new Refused(String.format(Locale.ROOT, "%s is %s; files sent here may be at most %s. "
          + "Import larger collections on the server with faqbot import.",
          Texts.oneLine(file.name(), 80), megabytes(file.size()), megabytes(file.maxBytes())));
    }
    Path dir = newDirectory();
    boolean done = false;
    try {
      Path raw = Files.createTempFile(dir, "sent-", ".bin");
      try (InputStream in = file.content().open(); OutputStream out = Files.newOutputStream(raw)) {
        copy(in, out, file.maxBytes(), () -> new Refused(Texts.oneLine(file.name(), 80)
            + " is larger than the " + megabytes(file.maxBytes()) + " files sent here may have."));
      }
      Staged staged = unpack(file.name(), dir, raw);
      done = true;
      return staged;
    } finally {
      if (!done) {
        deleteTree(dir);
      }
    }
  }

  /** The bytes of a file sent earlier (previewed here or on another replica), staged here again. */
  Staged restage(String sent, byte[] content) throws IOException, Refused {
    Path dir = newDirectory();
    boolean done = false;
    try {
      Path raw = Files.createTempFile(dir, "sent-", ".bin");
      Files.write(raw, content);
      Staged staged = unpack(sent, dir, raw);
      done = true;
      return staged;
    } finally {
      if (!done) {
        deleteTree(dir);
      }
    }
  }

  private Path newDirectory() throws IOException {
    faqbot.knowledge.PrivateFiles.createPrivateDirectory(uploads);
    // createTempDirectory and createTempFile make owner-only (0700 / 0600) entries on POSIX
    return Files.createTempDirectory(uploads, "upload-");
  }

  private static Staged unpack(String sent, Path dir, Path raw) throws IOException, Refused {
    List<StagedFile> files = new ArrayList<>();
    if (isZip(sent, raw)) {
      unzip(raw, dir, files);
      if (files.isEmpty()) {
        throw new Refused(Texts.oneLine(sent, 80) + " holds no files.");
      }
    } else {
      files.add(new StagedFile(sent, raw, false));
    }
    return new Staged(sent, dir, raw, files);
  }

  private static boolean isZip(String name, Path raw) throws IOException {
    if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(raw)) {
      return java.util.Arrays.equals(in.readNBytes(4), ZIP_MAGIC);
    }
  }

  private static void unzip(Path zip, Path dir, List<StagedFile> into) throws IOException, Refused {
    long unpacked = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String path = e.getName().replace('\\', '/');
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (e.isDirectory() || base.isEmpty() || base.startsWith(".") || path.startsWith("__MACOSX/")
            || !importable(base)) {
          continue;
        }
        if (into.size() >= MAX_ZIP_FILES) {
          throw new Refused("the zip holds more than " + MAX_ZIP_FILES + " files; import it on "
              + "the server with faqbot import.");
        }
        // the entry's own path is untrusted ("../../x"): it names the file in reports only
        Path target = Files.createTempFile(dir, "zip-", ".bin");
        long left = MAX_UNPACKED_BYTES - unpacked;
        long written;
        try (OutputStream out = Files.newOutputStream(target)) {
          written = copy(in, out, left, () -> new Refused("the zip unpacks to more than "
              + megabytes(MAX_UNPACKED_BYTES) + "; import it on the server with faqbot import."));
        }
        unpacked += written;
        into.add(new StagedFile(documentName(path), target, true));
      }
    } catch (ZipException e) {
      throw new Refused("the zip cannot be read: " + e.getMessage());
    }
  }

  /** "3_GHR_QA/0000001.xml", as the command line names a file it found in a folder. */
  private static String documentName(String zipPath) {
    String[] parts = zipPath.split("/");
    int n = parts.length;
    return n >= 2 ? parts[n - 2] + "/" + parts[n - 1] : parts[n - 1];
  }

  /** The names a folder walk of {@code faqbot import} takes. */
  private static boolean importable(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".xml") || n.endsWith(".txt") || n.endsWith(".jsonl")
        || n.endsWith(".ndjson");
  }

  /** What importing would do, per file, nothing stored. */
  List<Outcome> preview(KnowledgeBase kb, Staged staged) {
    return run(kb, staged, true);
  }

  /** Imports each file in its own transaction, as {@code faqbot import} does. */
  List<Outcome> importAll(KnowledgeBase kb, Staged staged) {
    return run(kb, staged, false);
  }

  private static List<Outcome> run(KnowledgeBase kb, Staged staged, boolean dryRun) {
    List<Outcome> out = new ArrayList<>();
    for (StagedFile f : staged.files()) {
      String name = f.name();
      try {
        Optional<Format> detected = Parsers.detectFile(f.path(), name);
        if (detected.isEmpty() && f.fromZip()) {
          out.add(new Outcome(name, null, null, true));
          continue;
        }
        Format format = detected.orElseThrow(() -> new ParseException(name, null,
            "unknown format (not a seed Q&A page, seed article, MedQuAD XML or JSONL)"));
        // the bot's log writer commits all the time: a lock conflict is retried (the store rolls
        // a failed file back whole, and the file is read anew)
        ImportReport r = KnowledgeWrites.retrying(() -> dryRun
            ? kb.previewFile(f.path(), name, format) : kb.importFile(f.path(), name, format));
        out.add(new Outcome(name, r, null, false));
      } catch (ParseException e) {
        out.add(new Outcome(name, null, "nothing imported: " + e.getMessage(), false));
      } catch (RuntimeException e) {
        // a record no check foresaw: the store rolled the file back
        LOG.warn("{} of {} failed: {}", dryRun ? "preview" : "import", name, e.toString());
        out.add(new Outcome(name, null, "nothing imported: " + name + ": " + e, false));
      } catch (IOException e) {
        LOG.warn("{} of {} failed: {}", dryRun ? "preview" : "import", name, e.toString());
        out.add(new Outcome(name, null, name + ": " + e.getMessage(), false));
      }
    }
    return out;
  }

  /** Deletes the staged files; quietly, as there is nothing a moderator could do about it. */
  void discard(Staged staged) {
    deleteTree(staged.dir());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return; // dropped twice (expired, then its button pressed)
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.toString());
    }
  }

  private interface TooLarge {
    Refused get();
  }

  private static long copy(InputStream in, OutputStream out, long max, TooLarge tooLarge)
      throws IOException, Refused {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      total += n;
      if (total > max) {
        throw tooLarge.get();
      }
      out.write(buf, 0, n);
    }
    return total;
  }

  static String megabytes(long bytes) {
    return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
        .replace(".0 MB", " MB") : String.format(Locale.ROOT, "%,d bytes", bytes);
  }
}

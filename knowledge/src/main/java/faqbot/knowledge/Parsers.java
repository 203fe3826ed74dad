package faqbot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses documents in the supported formats into entries. Works on text, not files, so the same
 * code reads an imported file and a page a moderator pastes into a chat.
 */
public final class Parsers {
  /** The document name of text a moderator pasted into a chat: it has no file to key on. */
  static final String CHAT = "chat";

  private static final Pattern MEDQUAD_ROOT =
      Pattern.compile("<(?:Document|doc|DiseaseFile)[\\s>/]");
  private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\s&&[^\\n]]+");

  private Parsers() {}

  /**
   * Guesses the format from the document name, then from its content. By name: {@code .xml} is
   * MEDQUAD, {@code .jsonl} or {@code .ndjson} is JSONL. By content: a MedQuAD root element
   * ({@code <Document>}, {@code <doc>}, {@code <DiseaseFile>}) is MEDQUAD, a first line starting
   * with '{' is JSONL, an "AT-A-GLANCE", "QUICK TAKE" or "ARTICLE BODY" section header is ARTICLE,
   * a "Dr. X reply" line or an "Ask Date:" is QA_PAGE. Empty when none of these fits.
   */
  public static Optional<Format> detect(String documentName, String text) {
    String name = documentName == null ? "" : documentName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xml")) {
      return Optional.of(Format.MEDQUAD);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(Format.JSONL);
    }
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String start = stripBom(text).stripLeading();
    if (start.startsWith("<")) {
      // the root element comes after an optional declaration and comments, near the start
      String head = start.substring(0, Math.min(start.length(), 4096));
      return MEDQUAD_ROOT.matcher(head).find() ? Optional.of(Format.MEDQUAD) : Optional.empty();
    }
    if (start.startsWith("{")) {
      return Optional.of(Format.JSONL);
    }
    List<String> lines = lines(text);
    // articles first: their sections are unambiguous, while an article body may quote a doctor
    if (ArticlePageParser.looksLikeArticle(lines)) {
      return Optional.of(Format.ARTICLE);
    }
    if (QaPageParser.looksLikeQaPage(lines)) {
      return Optional.of(Format.QA_PAGE);
    }
    return Optional.empty();
  }

  /**
   * The largest seed page (Q&A page or article) imported from a file: pages are read whole, and
   * a real one is a few kilobytes. Corpora come as MedQuAD XML or JSONL, which stream.
   */
  public static final long MAX_PAGE_BYTES = 4L << 20;

  /** How much of a file {@link #detectFile(Path, String)} looks at. */
  private static final int HEAD_BYTES = 64 * 1024;

  /**
   * Guesses a file's format as {@link #detect(String, String)} does, from its name and its first
   * 64 KB, so that a file of any size is detected without reading it.
   */
  public static Optional<Format> detectFile(Path file, String documentName) throws IOException {
    Optional<Format> byName = detect(documentName, null);
    if (byName.isPresent()) {
      return byName;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    // lenient: the head may end inside a character, and the parse checks the encoding strictly
    return detect(documentName, new String(head, StandardCharsets.UTF_8));
  }

  /**
   * Opens a file for import in the given format: MedQuAD XML and JSONL stream, the page formats
   * are read whole (at most {@link #MAX_PAGE_BYTES}).
   */
  static EntrySource open(Path file, String documentName, Format format)
      throws IOException, ParseException {
    String name = documentName == null || documentName.isBlank() ? file.getFileName().toString()
        : documentName;
    switch (format) {
      case MEDQUAD, JSONL -> {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        return format == Format.MEDQUAD ? MedquadParser.stream(name, in)
            : new JsonlCodec.LineSource(name, in);
      }
      default -> {
        if (Files.size(file) > MAX_PAGE_BYTES) {
          throw new ParseException(name, null, "too large for a " + format.name().toLowerCase(Locale.ROOT)
              + " (" + (Files.size(file) >> 20) + " MB, at most " + (MAX_PAGE_BYTES >> 20)
              + " MB); import large collections as JSONL");
        }
        String text;
        try {
          text = StandardCharsets.UTF_8.newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new ParseException(name, null, "not UTF-8 text (save the file as UTF-8)");
        }
        return EntrySource.of(parse(format, name, text));
      }
    }
  }

  /**
   * Parses one document.
   *
   * @param documentName a file name or path ("3_GHR_QA/0000001.xml", "seed.txt") or "chat"; used
   *     for the source and for MedQuAD external ids (the basename without .xml)
   * @throws ParseException naming the document and the line or element at fault
   */
  public static ParsedDocument parse(Format format, String documentName, String text)
      throws ParseException {
    Objects.requireNonNull(format, "format");
    String name = documentName == null || documentName.isBlank() ? CHAT : documentName;
    if (text == null || text.isBlank()) {
      throw new ParseException(name, "line 1", "the document is empty");
    }
    return switch (format) {
      case QA_PAGE -> QaPageParser.parse(name, text);
      case ARTICLE -> ArticlePageParser.parse(name, text);
      case MEDQUAD -> MedquadParser.parse(name, text);
      case JSONL -> JsonlCodec.parseDocument(name, text);
    };
  }

  // ---- helpers shared by the text formats ----

  static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /** The lines of a text, whatever its line ends; index i is line i + 1. */
  static List<String> lines(String text) {
    return stripBom(text).lines().toList();
  }

  /**
   * Joins lines into one text that keeps the author's paragraphs: each line trimmed, runs of
   * spaces collapsed, runs of blank lines reduced to one blank line, no blank edges. Null when
   * nothing but whitespace is left, so that "no text" is always null, never "".
   */
  static String joinParagraphs(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    boolean pendingBlank = false;
    for (String raw : lines) {
      String line = HORIZONTAL_SPACE.matcher(raw).replaceAll(" ").strip();
      if (line.isEmpty()) {
        pendingBlank = sb.length() > 0;
        continue;
      }
      if (sb.length() > 0) {
        sb.append(pendingBlank ? "\n\n" : "\n");
      }
      sb.append(line);
      pendingBlank = false;
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Joins lines into one line (for short fields such as an SEO title). Null when empty. */
  static String joinSpaced(List<String> lines) {
    String s = HORIZONTAL_SPACE.matcher(String.join(" ", lines).replace('\n', ' ')).replaceAll(" ");
    s = s.strip();
    return s.isEmpty() ? null : s;
  }

  static boolean isChat(String documentName) {
    return CHAT.equals(documentName);
  }

  /** "dir/000_abc.txt" is "000_abc": the file name without directories and last extension. */
  static String basename(String documentName) {
    String n = documentName;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /**
   * The external id of a seed-style document: {@code prefix:<basename>} for a file, and for chat
   * input (no file name to key on) a hash of the normalized title, so pasting the same page again
   * updates the entry instead of duplicating it.
   */
  static String externalId(String prefix, String documentName, String title) {
    String base = isChat(documentName) ? "" : basename(documentName).strip();
    if (!base.isEmpty()) {
      return prefix + ":" + base;
    }
    String normalized =
        HORIZONTAL_SPACE.matcher(title.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(normalized.getBytes(StandardCharsets.UTF_8));
      return prefix + ":chat-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The index of the first non-blank line at or after {@code from}, or the list size. */
  static int skipBlank(List<String> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  /** The location of a 0-based line index, as authors count lines: "line 1" is the first. */
  static String line(int index) {
    return "line " + (index + 1);
  }

  /** A modifiable copy of lines [from, to), clamped to the list. */
  static List<String> slice(List<String> lines, int from, int to) {
    return new ArrayList<>(lines.subList(Math.max(0, from), Math.min(lines.size(), to)));
  }
}

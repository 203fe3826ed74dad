package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every development table's message, and variants of it that take the engine's other paths, gets
 * the same level and rule as recorded in {@code triage-golden.tsv}: a change meant only to make
 * triage faster (normaliser, lookups, matching) must not move a single decision, and the tables'
 * own floors would only see a move that changes a tally. Held-out tables are never read.
 *
 * <p>The file was written by the engine before the change it guards. It also records a digest of
 * the rule files and tables it was made from: when rules or tables change on purpose, regenerate
 * it with the engine as it was before any engine change under review, then check the branch
 * against it: {@code ./mvnw -B -q -o -pl bot-core -am test -Dtest=TriageGoldenTest
 * -Dfaqbot.triage.golden.write=true} writes {@code src/test/resources/.../triage-golden.tsv}.
 */
class TriageGoldenTest {

  private static final String DIR = "/faqbot/core/triage/";
  private static final String GOLDEN = "triage-golden.tsv";

  /** The development tables: cases, batches, help requests, probes and rule examples. */
  private static final Pattern DEVELOPMENT =
      Pattern.compile("(triage-cases|triage-batch-|triage-help-requests|triage-probes-lead"
          + "|rule-examples).*\\.tsv");

  /** Names of the variants, in the order of the golden file's columns. */
  static final List<String> VARIANTS =
      List.of("plain", "upper", "invisible", "lookalike", "long", "pair");

  @Test
  void everyDevelopmentMessageKeepsItsLevelAndRule() throws IOException {
    Map<String, String> actual = decisions(Triage.loadDefault());
    String digest = digest();
    if (Boolean.getBoolean("faqbot.triage.golden.write")) {
      Path out = Path.of("src/test/resources" + DIR + GOLDEN);
      Files.writeString(out, render(digest, actual), StandardCharsets.UTF_8);
      System.out.println("wrote " + out.toAbsolutePath() + ": " + actual.size() + " rows");
      return;
    }
    String recorded;
    try (InputStream in = TriageGoldenTest.class.getResourceAsStream(DIR + GOLDEN)) {
      assertNotNull(in, GOLDEN + " missing");
      recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> expected = new LinkedHashMap<>();
    String recordedDigest = null;
    String table = null;
    for (String line : recorded.split("\n")) {
      if (line.startsWith("# digest ")) {
        recordedDigest = line.substring("# digest ".length()).strip();
      } else if (line.startsWith("@ ")) {
        table = line.substring(2).strip();
      } else if (!line.isBlank() && !line.startsWith("#")) {
        String[] cols = line.split("\t", 2);
        expected.put(table + ":" + cols[0], cols[1]);
      }
    }
    List<String> moved = new ArrayList<>();
    for (Map.Entry<String, String> e : actual.entrySet()) {
      String was = expected.get(e.getKey());
      if (!e.getValue().equals(was)) {
        moved.add(e.getKey() + ": recorded " + was + ", now " + e.getValue());
      }
    }
    expected.keySet().stream().filter(k -> !actual.containsKey(k))
        .forEach(k -> moved.add(k + ": recorded, no longer read"));
    if (!moved.isEmpty()) {
      String why = digest.equals(recordedDigest)
          ? "the rule files and tables are those the file was recorded from: the engine moved"
          : "the rule files or tables changed since the file was recorded: regenerate it with"
              + " the engine before your change (see the class comment), then compare";
      fail(moved.size() + " decisions differ from " + GOLDEN + " (" + why + "):\n  "
          + String.join("\n  ", moved.subList(0, Math.min(40, moved.size()))));
    }
    assertEquals(expected.size(), actual.size());
  }

  @Test
  void readsNoHeldOutTable() throws IOException {
    List<String> files = tables();
    assertFalse(files.isEmpty());
    for (String f : files) {
      assertFalse(f.contains("heldout"), f);
    }
  }

  /**
   * Key "table:line" to the decisions of its variants, each "LEVEL rule" or "NONE", one tab
   * between them; a variant deciding as the plain message is written "=". Per table, one more
   * key "table:all" for all its messages in one long message.
   */
  static Map<String, String> decisions(Triage t) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String file : tables()) {
      List<TsvTable.Row> rows = rows(file);
      StringBuilder whole = new StringBuilder();
      for (int k = 0; k < rows.size(); k++) {
        TsvTable.Row row = rows.get(k);
        String m = message(row);
        String next = k + 1 < rows.size() ? message(rows.get(k + 1)) : message(rows.get(0));
        String plain = decision(t, m);
        StringBuilder cells = new StringBuilder(plain);
        for (String v : List.of(m.toUpperCase(Locale.ROOT), invisible(m), lookalike(m),
            repeated(m, 2000), m + " " + next)) {
          String d = decision(t, v);
          cells.append('\t').append(d.equals(plain) ? "=" : d);
        }
        out.put(file + ":" + row.line(), cells.toString());
        whole.append(m).append(' ');
      }
      out.put(file + ":all", decision(t, whole.toString()));
    }
    return out;
  }

  private static String decision(Triage t, String message) {
    TriageResult r = t.assess(message);
    return r.level() == TriageResult.Level.NONE ? "NONE" : r.level() + " " + r.ruleId();
  }

  /** A zero-width space after every fourth character: the full fold instead of the quick one. */
  static String invisible(String m) {
    StringBuilder b = new StringBuilder(m.length() + m.length() / 4 + 1);
    for (int i = 0; i < m.length(); i++) {
      b.append(m.charAt(i));
      if (i % 4 == 3) {
        b.append('\u200b');
      }
    }
    return b.toString();
  }

  /** Latin a, e, o, p, c written with their Cyrillic look-alikes. */
  static String lookalike(String m) {
    return m.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043e')
        .replace('p', '\u0440').replace('c', '\u0441');
  }

  static String repeated(String m, int length) {
    StringBuilder b = new StringBuilder(m);
    while (b.length() < length) {
      b.append(' ').append(m);
    }
    return b.toString();
  }

  private static String message(TsvTable.Row row) {
    String[] cols = row.columns();
    return cols[cols.length - 1];
  }

  private static List<TsvTable.Row> rows(String file) throws IOException {
    // 2 columns (rule examples: id, message) or 3 (level, category, message)
    int columns = file.startsWith("rule-examples") ? 2 : 3;
    return TsvTable.read(DIR + file, columns);
  }

  /** The development tables, by name; held-out tables are never opened. */
  static List<String> tables() throws IOException {
    URL dir = TriageGoldenTest.class.getResource(DIR);
    assertNotNull(dir);
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> DEVELOPMENT.matcher(n).matches() && !n.contains("heldout")
              && !n.equals("triage-batch-floors.tsv")) // figures, not messages
          .sorted().toList();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  /** SHA-256 over the bundled rule files and the development tables, in name order. */
  private static String digest() throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<String> resources = new ArrayList<>();
    Triage.LANGUAGES.forEach(l -> resources.add(DIR + "rules-" + l + ".txt"));
    tables().forEach(f -> resources.add(DIR + f));
    for (String r : resources) {
      try (InputStream in = TriageGoldenTest.class.getResourceAsStream(r)) {
        assertNotNull(in, r);
        md.update(r.getBytes(StandardCharsets.UTF_8));
        md.update(in.readAllBytes());
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  private static String render(String digest, Map<String, String> rows) {
    StringBuilder b = new StringBuilder();
    b.append("# Triage decisions on the development tables, written by TriageGoldenTest (see its\n")
        .append("# comment). Columns: line, then ").append(String.join(", ", VARIANTS))
        .append(" (\"=\": as plain);\n# \"@ table\" starts a table's lines.\n");
    b.append("# digest ").append(digest).append('\n');
    String table = null;
    for (Map.Entry<String, String> e : rows.entrySet()) {
      int colon = e.getKey().lastIndexOf(':');
      String file = e.getKey().substring(0, colon);
      if (!file.equals(table)) {
        b.append("@ ").append(file).append('\n');
        table = file;
      }
      b.append(e.getKey().substring(colon + 1)).append('\t').append(e.getValue()).append('\n');
    }
    return b.toString();
  }
}

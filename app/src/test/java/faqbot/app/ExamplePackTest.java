package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.Parsers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bundled example pack parses with the same parsers as the seeds, each file into one
 * published entry with the fields the bot shows, and its cross references resolve.
 */
class ExamplePackTest {

  private static final String FOLDER = "/faqbot/example-pack/";

  /** What each pack file must yield: kind, title, and for Q&A the doctor and specialty. */
  private record Expected(Entry.Kind kind, String title, String doctor, String specialty) {}

  private static final Map<String, Expected> EXPECTED = Map.of(
      "qa-cement-leakage.txt", new Expected(Entry.Kind.QA,
          "Cement Leakage Seen on the X-ray After Kyphoplasty: Should I Worry?",
          "Example Lin", "Orthopedics"),
      "qa-kyphoplasty-recovery.txt", new Expected(Entry.Kind.QA,
          "Recovering From Balloon Kyphoplasty: What Is Normal in the First Weeks?",
          "Example Moreau", "Physical Medicine and Rehabilitation"),
      "qa-compression-fracture-osteoporosis.txt", new Expected(Entry.Kind.QA,
          "Osteoporotic Vertebral Compression Fracture: Do I Need Surgery?",
          "Example Lin", "Orthopedics"),
      "qa-back-pain-urgent.txt", new Expected(Entry.Kind.QA,
          "Back Pain After Spine Surgery: Which Symptoms Need Urgent Care?",
          "Sample Okafor", "Neurosurgery"),
      "qa-calcium-vitamin-d.txt", new Expected(Entry.Kind.QA,
          "Calcium and Vitamin D After a Spine Fracture: How Much Is Enough?",
          "Sample Novak", "Endocrinology"),
      "article-cement-embolism.txt", new Expected(Entry.Kind.ARTICLE,
          "Bone Cement Reaching the Lungs After Spine Procedures: Rare but Worth Knowing",
          null, null),
      "article-osteoporosis-prevention.txt", new Expected(Entry.Kind.ARTICLE,
          "Keeping Bones Strong: Everyday Steps Against Osteoporosis and Spine Fractures",
          null, null));

  private static String resource(String name) throws IOException {
    try (InputStream in = ExamplePackTest.class.getResourceAsStream(FOLDER + name)) {
      assertNotNull(in, "missing from the class path: " + FOLDER + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> index() throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : resource("index.txt").split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  private static Entry parseOne(String name) throws Exception {
    String text = resource(name);
    Format format = Parsers.detect(name, text).orElseThrow(
        () -> new AssertionError(name + ": format not recognized"));
    ParsedDocument doc = Parsers.parse(format, name, text);
    assertEquals(1, doc.entries().size(), name + ": entries");
    assertTrue(doc.skipped().isEmpty(), name + ": skipped " + doc.skipped());
    return doc.entries().get(0);
  }

  private static Map<String, Entry> parseAll() throws Exception {
    Map<String, Entry> out = new HashMap<>();
    for (String name : index()) {
      try {
        out.put(name, parseOne(name));
      } catch (UnsupportedOperationException e) {
        Assumptions.abort("parsers not available yet: " + e.getMessage());
      }
    }
    return out;
  }

  @Test
  void indexListsEveryExpectedFileOnce() throws IOException {
    List<String> names = index();
    assertEquals(Set.copyOf(names).size(), names.size(), "duplicates in index.txt");
    assertEquals(EXPECTED.keySet(), Set.copyOf(names));
    assertTrue(names.size() >= 6 && names.size() <= 8, "6 to 8 documents");
  }

  @Test
  void readmeMarksExampleContentAndListsTheFiles() throws IOException {
    String readme = resource("README.md");
    assertTrue(readme.contains("example content") || readme.contains("EXAMPLE CONTENT"));
    for (String name : index()) {
      assertTrue(readme.contains("`" + name + "`"), "README does not list " + name);
    }
  }

  @Test
  void everyFileIsOnePublishedEntryWithItsFields() throws Exception {
    for (Map.Entry<String, Entry> e : parseAll().entrySet()) {
      String name = e.getKey();
      Entry entry = e.getValue();
      Expected want = EXPECTED.get(name);
      assertEquals(Entry.Status.PUBLISHED, entry.status(), name);
      assertEquals(want.kind(), entry.kind(), name);
      assertEquals(want.title(), entry.title(), name);
      assertFalse(entry.answerText().isBlank(), name + ": no answer text");
      if (want.kind() == Entry.Kind.QA) {
        assertEquals(want.doctor(), entry.doctorName(), name);
        assertEquals(want.specialty(), entry.specialty(), name);
        assertTrue(entry.doctorName().startsWith("Example ") || entry.doctorName().startsWith("Sample "),
            name + ": doctor names must be visibly fictional");
        assertNotNull(entry.question(), name);
        assertTrue(entry.question().length() > 100, name + ": question too short");
        assertTrue(entry.reply().length() > 300, name + ": reply too short");
        assertNotNull(entry.askerDescription(), name + ": asker");
        assertTrue(entry.askerDescription().matches("\\d+~\\d+ year old (fe)?male"),
            name + ": asker " + entry.askerDescription());
        assertNotNull(entry.askDate(), name);
        assertNotNull(entry.replyDate(), name);
        assertFalse(entry.replyDate().isBefore(entry.askDate()), name + ": reply before question");
        assertNotNull(entry.moreInfo(), name + ": More Info");
        assertEquals(2, entry.similarQuestions().size(), name + ": similar questions");
        assertFalse(entry.relatedTopics().isEmpty(), name + ": related topics");
      } else {
        assertEquals(3, entry.atAGlance().size(), name + ": AT-A-GLANCE bullets");
        assertNotNull(entry.quickTake(), name);
        assertNotNull(entry.seoTitle(), name);
        assertNotNull(entry.seoDescription(), name);
        assertTrue(entry.body().length() > 1000, name + ": body too short");
      }
    }
  }

  @Test
  void similarQuestionsNameOtherPagesOfThePack() throws Exception {
    Map<String, Entry> all = parseAll();
    Set<String> titles = new HashSet<>();
    all.values().forEach(e -> titles.add(e.title()));
    assertEquals(all.size(), titles.size(), "two pack files share a title");
    for (Map.Entry<String, Entry> e : all.entrySet()) {
      for (String similar : e.getValue().similarQuestions()) {
        assertTrue(titles.contains(similar), e.getKey() + ": no pack page titled \"" + similar + "\"");
        assertNotEquals(e.getValue().title(), similar, e.getKey() + ": refers to itself");
      }
    }
  }

  @Test
  void externalIdsAreDistinct() throws Exception {
    Set<String> ids = new HashSet<>();
    for (Entry e : parseAll().values()) {
      assertTrue(ids.add(e.source().externalId()), "duplicate external id " + e.source().externalId());
    }
  }

  /** The pack is written in its own words: no sentence of it appears in the seed pages. */
  @Test
  void noLineIsCopiedFromTheSeeds() throws Exception {
    Path seeds = Path.of(System.getProperty("faqbot.shared", "../shared"), "seeds");
    Assumptions.assumeTrue(Files.isDirectory(seeds), "shared seeds not present: " + seeds);
    StringBuilder seedText = new StringBuilder();
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        seedText.append(normalize(Files.readString(p))).append('\n');
      }
    }
    String haystack = seedText.toString();
    for (String name : index()) {
      for (String line : resource(name).split("\\R")) {
        String l = normalize(line);
        // headers such as "More Info" or "2. AT-A-GLANCE" are the format, not content
        if (l.length() >= 40) {
          assertFalse(haystack.contains(l), name + " copies a seed line: " + line);
        }
      }
    }
  }

  private static String normalize(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
  }
}

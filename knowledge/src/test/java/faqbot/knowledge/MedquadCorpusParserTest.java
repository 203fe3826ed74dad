package faqbot.knowledge;

import static faqbot.knowledge.ParsersTest.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parses every file of the 12 MedQuAD collections and checks the result against the data. */
class MedquadCorpusParserTest {
  // counted on the raw text, independently of the parser
  private static final Pattern RAW_PAIR = Pattern.compile("<(?:QAPair|pair)[\\s>]");
  private static final Set<String> ANSWERS_REMOVED =
      Set.of("MedQuAD/ADAM", "MedQuAD/MPlusDrugs", "MedQuAD/MPlusHerbsSupplements");

  @Test
  void parsesAllOfMedquadIntoUniquelyKeyedEntriesThatTheJudgmentsName() throws Exception {
    Path root = shared("data/medquad");
    Path qrels = shared("data/liveqa-med-2017/"
        + "All-qrels_LiveQAMed2017-TestQuestions_2479_Judged-Answers.txt");
    List<Path> collections;
    try (Stream<Path> s = Files.list(root)) {
      collections = s.filter(Files::isDirectory).sorted().toList();
    }
    assertEquals(12, collections.size(), collections.toString());

    int files = 0;
    int rawPairs = 0;
    int entries = 0;
    int pending = 0;
    int skippedPairs = 0;
    List<String> documentsWithoutPairs = new ArrayList<>();
    Set<String> externalIds = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    Map<String, Integer> perCollection = new TreeMap<>();
    long parseNanos = 0;
    long start = System.nanoTime();
    for (Path collection : collections) {
      List<Path> xml;
      try (Stream<Path> s = Files.list(collection)) {
        xml = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
      }
      for (Path file : xml) {
        String name = collection.getFileName() + "/" + file.getFileName();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int raw = count(RAW_PAIR.matcher(text));
        long t0 = System.nanoTime();
        ParsedDocument doc = Parsers.parse(Format.MEDQUAD, name, text);
        parseNanos += System.nanoTime() - t0;
        files++;
        rawPairs += raw;
        int docSkippedPairs = 0;
        for (String reason : doc.skipped()) {
          if (reason.startsWith("QAPair[") || reason.startsWith("pair[")) {
            docSkippedPairs++;
          } else {
            documentsWithoutPairs.add(name);
          }
        }
        // every pair of the file is either an entry or a reported skip
        assertEquals(raw, doc.entries().size() + docSkippedPairs, name);
        skippedPairs += docSkippedPairs;
        for (Entry e : doc.entries()) {
          entries++;
          String id = e.source().externalId();
          if (!externalIds.add(id)) {
            duplicates.add(id);
          }
          assertTrue(id.endsWith("_" + Parsers.basename(name) + "_Sec" + id.substring(
              id.lastIndexOf("_Sec") + 4)), id);
          assertFalse(e.question().isBlank(), id);
          assertEquals(e.reply() == null, e.status() == Entry.Status.PENDING, id);
          if (e.status() == Entry.Status.PENDING) {
            pending++;
          }
          if (ANSWERS_REMOVED.contains(e.source().collection())) {
            assertEquals(Entry.Status.PENDING, e.status(), id);
          }
          perCollection.merge(e.source().collection(), 1, Integer::sum);
        }
      }
    }
    long totalMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("MedQuAD: %d files, %d pairs, %d entries (%d pending), %d skipped pairs,"
            + " %d documents without pairs; parse %d ms, read+parse+checks %d ms%n", files,
        rawPairs, entries, pending, skippedPairs, documentsWithoutPairs.size(),
        parseNanos / 1_000_000, totalMillis);

    assertEquals(11_274, files);
    assertEquals(47_457, rawPairs, "the published size of MedQuAD");
    assertEquals(rawPairs, entries + skippedPairs);
    // the data has no pair without a question, so every pair is an entry
    assertEquals(0, skippedPairs);
    assertEquals(47_457, entries);
    assertEquals(List.of(), duplicates);
    assertEquals(List.of("5_NIDDK_QA/0000056.xml", "5_NIDDK_QA/0000064.xml",
        "5_NIDDK_QA/0000065.xml", "5_NIDDK_QA/0000077.xml", "5_NIDDK_QA/0000175.xml",
        "5_NIDDK_QA/0000177.xml"), documentsWithoutPairs);
    // the three collections without answers, plus five GARD pairs with an empty answer
    assertEquals(17_348 + 12_889 + 792 + 5, pending);
    assertEquals(12, perCollection.size(), perCollection.toString());
    assertEquals(17_348, perCollection.get("MedQuAD/ADAM"));
    assertEquals(1_104, perCollection.get("MedQuAD/NINDS"));
    assertEquals(270, perCollection.get("MedQuAD/CDC"));

    List<String> judged = new ArrayList<>();
    for (String line : Files.readAllLines(qrels, StandardCharsets.UTF_8)) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 3) {
        judged.add(cols[2].replaceFirst("\\.txt$", ""));
      }
    }
    assertEquals(2_479, judged.size());
    List<String> missing = judged.stream().filter(id -> !externalIds.contains(id)).distinct()
        .toList();
    assertEquals(List.of(), missing, "judged answers that no parsed entry names");
  }

  private static int count(Matcher m) {
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}

package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The development batches written one file per language, each held per language by a
 * {@link LanguageBatch} to the floors in {@code triage-batch-floors.tsv} (with the figures before
 * each batch's fit).
 */
class TriageBatchesTest {

  /** A batch's floors per language, and how many of each kind of message each file holds. */
  record Batch(LanguageBatch batch, int minEmergencies, int minUrgents, int minLookAlikes) {
    @Override
    public String toString() {
      return batch.toString();
    }
  }

  static List<Batch> batches() throws IOException {
    Map<String, Map<String, LanguageBatch.Floor>> floors = new LinkedHashMap<>();
    Map<String, int[]> mixes = new LinkedHashMap<>();
    try (InputStream in = TriageBatchesTest.class.getResourceAsStream("triage-batch-floors.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t");
        switch (c[0]) {
          case "mix" -> mixes.put(c[1], new int[] {Integer.parseInt(c[2]), Integer.parseInt(c[3]),
              Integer.parseInt(c[4])});
          case "floor" -> floors.computeIfAbsent(c[1], b -> new LinkedHashMap<>()).put(c[2],
              new LanguageBatch.Floor(Integer.parseInt(c[3]), Integer.parseInt(c[4]),
                  Integer.parseInt(c[5])));
          default -> throw new IllegalArgumentException("triage-batch-floors.tsv: " + line);
        }
      }
    }
    assertEquals(mixes.keySet(), floors.keySet(), "every batch has its mix and its floors");
    return floors.entrySet().stream().map(e -> {
      int[] mix = mixes.get(e.getKey());
      return new Batch(new LanguageBatch(e.getKey(), e.getValue()), mix[0], mix[1], mix[2]);
    }).toList();
  }

  @ParameterizedTest
  @MethodSource("batches")
  void eachLanguageKeepsItsFigures(Batch b) throws IOException {
    b.batch().assertEachLanguageKeepsItsFigures(Triage.loadDefault());
  }

  @ParameterizedTest
  @MethodSource("batches")
  void everyLanguageHoldsEveryKindOfMessage(Batch b) throws IOException {
    Triage triage = Triage.loadDefault();
    for (String lang : b.batch().languages()) {
      HeldOutTriageTest.Tally t = b.batch().tally(triage, lang);
      assertTrue(t.emergencies >= b.minEmergencies(), b + " " + lang + ": emergencies " + t.emergencies);
      assertTrue(t.urgents >= b.minUrgents(), b + " " + lang + ": urgent messages " + t.urgents);
      assertTrue(t.lookAlikes >= b.minLookAlikes(), b + " " + lang + ": look-alikes " + t.lookAlikes);
    }
  }
}

package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled rules against the tables of patient messages: {@code triage-cases.tsv} (English)
 * and {@code triage-cases-intl.tsv} (Spanish, French, German, Portuguese, Chinese), Italian's
 * {@code triage-cases-it.tsv}, then the development batches, then the Russian, Dutch and Polish
 * tables, then batch X of Italian, Russian, Dutch and Polish, then batch Y of all ten languages, then batch Z of English and the five first languages,
 * then batch AA of all ten, then batch AB of English and the five first languages, then the
 * probes of batch AC, then those of batch AE, then the Arabic, Turkish, Ukrainian and Vietnamese
 * tables, then the Hindi and Indonesian ones, then the Japanese and Korean ones, then the Swedish,
 * Norwegian and Danish ones, then the Persian and Tagalog ones.
 */
class TriageTableTest {

  private static final Triage TRIAGE = Triage.loadDefault();

  static final String ENGLISH = "triage-cases.tsv";
  static final String INTL = "triage-cases-intl.tsv";
  /** Italian, added later, has development tables of its own. */
  static final String ITALIAN = "triage-cases-it.tsv";
  static final String ITALIAN_2 = "triage-cases-it-2.tsv";
  /** Russian, Dutch and Polish, added after Italian, each with a development table of its own. */
  static final List<String> RU_NL_PL = List.of("triage-cases-ru.tsv", "triage-cases-nl.tsv",
      "triage-cases-pl.tsv");
  /** Their second batches, written after the first fitting to see whether the rules generalise. */
  static final List<String> RU_NL_PL_2 = List.of("triage-cases-ru-2.tsv",
      "triage-cases-nl-2.tsv", "triage-cases-pl-2.tsv");
  /** The languages written in batches N to T (Italian has tables of its own). */
  static final List<String> BATCH_LANGUAGES = List.of("en", "es", "fr", "de", "pt", "zh");
  /**
   * Development batches written one file per language (batch N on), read after the two tables;
   * batch S was written in English only, where the held-out misses were (it is read after batch
   * T); the help requests ("what should I do?") in the languages where they read as general
   * questions; batch V, English only again, for the English held-out misses.
   */
  static final List<String> BATCHES = Stream.concat(List.of("n", "o", "p", "q", "r", "t").stream()
      .flatMap(b -> BATCH_LANGUAGES.stream().map(lang -> "triage-batch-" + b + "-" + lang + ".tsv")),
      Stream.of("triage-batch-s-en.tsv", "triage-help-requests.tsv",
          "triage-batch-v-en.tsv", "triage-probes-lead.tsv"))
      .toList();
  /** Batch U, written in the five languages other than English (English's batch U is its own). */
  static final List<String> BATCH_U_INTL = List.of("triage-batch-u-es.tsv", "triage-batch-u-fr.tsv",
      "triage-batch-u-de.tsv", "triage-batch-u-pt.tsv", "triage-batch-u-zh.tsv");
  /**
   * Batch W, written by other kinds of writers (elderly and formal, teenagers, non-native, people
   * who play it down), in the five languages and Italian, then the paraphrases tried after its fit.
   */
  static final List<String> BATCH_W_INTL = List.of("triage-batch-w-es.tsv", "triage-batch-w-fr.tsv",
      "triage-batch-w-de.tsv", "triage-batch-w-pt.tsv", "triage-batch-w-zh.tsv",
      "triage-batch-w-it.tsv", "triage-batch-w-variants.tsv");
  /**
   * Batch X, in other voices again (voice-to-text, text-speak, mixed languages, long stories with
   * the emergency in one clause, third persons, indirect suicidal intent), in English and the five,
   * then the paraphrases tried after its fit ({@link #BATCH_X} is the same batch in Italian,
   * Russian, Dutch and Polish).
   */
  static final List<String> BATCH_X_SIX = Stream.concat(BATCH_LANGUAGES.stream()
      .map(lang -> "triage-batch-x-" + lang + ".tsv"), Stream.of("triage-batch-x-variants.tsv"))
      .toList();

  /**
   * Batch X, Italian, Russian, Dutch and Polish: written in one go by other kinds of writers
   * (elderly and formal, slang, no diacritics, Russian in Latin letters, voice-to-text, parents of
   * babies) to see whether their rules generalise; read last.
   */
  static final List<String> BATCH_X = List.of("triage-batch-x-it.tsv", "triage-batch-x-ru.tsv",
      "triage-batch-x-nl.tsv", "triage-batch-x-pl.tsv");

  /**
   * Batch Y, written in one go in all ten languages by other kinds of writers again (apologetic and
   * formal writers, parents of babies, teenagers, clinical shorthand, non-native English, typos, an
   * emergency told inside a question about something else), then the probes of the rules its fit
   * changed and the paraphrases written after its fit; read last.
   */
  static final List<String> BATCH_Y = Stream.concat(Stream.of("en", "es", "fr", "de", "pt", "zh",
      "it", "ru", "nl", "pl").map(lang -> "triage-batch-y-" + lang + ".tsv"),
      Stream.of("triage-batch-y-probes.tsv", "triage-batch-y-variants.tsv")).toList();

  /**
   * Batch Z, English and the five first languages, written in one go by writers again missing from
   * the tables (carers in care homes, shift workers, coaches, teachers, writers in a car or a public
   * place, voice dictation, long run-on messages, openings with thanks or apologies), then the probes
   * of the rules its fit changed and the variants and rarer emergencies written after it; read
   * last.
   */
  static final List<String> BATCH_Z = Stream.concat(Stream.of("en", "es", "fr", "de", "pt", "zh")
      .map(lang -> "triage-batch-z-" + lang + ".tsv"), Stream.of("triage-batch-z-probes.tsv"))
      .toList();

  /**
   * Batch AA, all ten languages, written in one go by writers again missing from the tables
   * (elderly writers, carers of parents with dementia, pregnant women, shift workers, athletes,
   * voice-to-text, code-switching, long rambling messages, capitals and emoji), then the probes
   * of the rules its fit changed and the variants and rarer emergencies written after it; read
   * last.
   */
  static final List<String> BATCH_AA = Stream.concat(Stream.of("en", "es", "fr", "de", "pt", "zh",
      "it", "ru", "nl", "pl").map(lang -> "triage-batch-aa-" + lang + ".tsv"),
      Stream.of("triage-batch-aa-probes.tsv", "triage-batch-aa-variants.tsv",
          "triage-batch-aa-rare.tsv", "triage-batch-aa-rare-2.tsv",
          "triage-batch-aa-plain.tsv", "triage-batch-aa-mixed.tsv")).toList();

  /**
   * Batch AB, English and the five first languages, written in one go to hunt false alarms and
   * near-misses (films, series, books, games and songs, jokes and slang, hobbies and work with
   * blades, burns and falls, first-aid courses and exam questions, past events, pets and farm
   * animals, hypotheticals, prevention, devices without symptoms, carers' medication schedules),
   * with emergencies phrased like them, then the probes of the rules its fit changed; read last.
   */
  static final List<String> BATCH_AB = Stream.concat(Stream.of("en", "es", "fr", "de", "pt", "zh")
      .map(lang -> "triage-batch-ab-" + lang + ".tsv"), Stream.of("triage-batch-ab-probes.tsv"))
      .toList();

  /**
   * The probes of the batch AC fit: each [frame] rule and each rule it added or widened, with the
   * emergencies beside a story, a song, a hypothetical or an idiom that must still alarm. The batch
   * itself is held per language by {@link TriageBatchesTest}.
   */
  static final List<String> BATCH_AC_PROBES = List.of("triage-batch-ac-probes.tsv");

  /**
   * The probes of the batch AE fit (time and persistence): persistence words, a pain that passed
   * and came back, choking at meals, documentaries, packs taken by writers who feel fine. The batch
   * itself is held per language by {@link TriageBatchesTest}.
   */
  static final List<String> BATCH_AE_PROBES = List.of("triage-batch-ae-probes.tsv");

  /**
   * Arabic, Turkish, Ukrainian and Vietnamese (issue 9), each with a development table of its own,
   * written after their frozen held-out tables and before their rules; read last.
   */
  static final List<String> AR_TR_UK_VI = List.of("triage-cases-ar.tsv", "triage-cases-tr.tsv",
      "triage-cases-uk.tsv", "triage-cases-vi.tsv");

  /**
   * Hindi (Devanagari and romanised) and Indonesian with Malay (issue 9), written after their
   * frozen held-out tables and before their rules.
   */
  static final List<String> HI_ID = List.of("triage-cases-hi.tsv", "triage-cases-id.tsv");

  /**
   * Japanese and Korean (issue 9), each with a development table of its own, written after their
   * frozen held-out tables and before their rules, then their second tables, written after the
   * first fitting; read after Arabic, Turkish, Ukrainian and Vietnamese.
   */
  static final List<String> JA_KO = List.of("triage-cases-ja.tsv", "triage-cases-ko.tsv",
      "triage-cases-ja-2.tsv", "triage-cases-ko-2.tsv");

  /**
   * Swedish, Norwegian (Bokmål) and Danish (issue 9), each with a development table of its own,
   * written after their frozen held-out tables and before their rules, then their second tables,
   * written after the first fitting; read last.
   */
  static final List<String> SV_NO_DA = List.of("triage-cases-sv.tsv", "triage-cases-no.tsv",
      "triage-cases-da.tsv", "triage-cases-sv-2.tsv", "triage-cases-no-2.tsv",
      "triage-cases-da-2.tsv");

  /**
   * Persian and Tagalog (issue 9), each with a development table of its own, written after their
   * frozen held-out tables and before their rules, then their second tables, written after the
   * first fitting.
   */
  static final List<String> FA_TL = List.of("triage-cases-fa.tsv", "triage-cases-tl.tsv",
      "triage-cases-fa-2.tsv", "triage-cases-tl-2.tsv");

  record Case(String file, int line, Level level, String category, String message) {}

  /** Both tables, English first, then the per-language batches. */
  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    for (List<String> files : List.of(List.of(ENGLISH, INTL, ITALIAN, ITALIAN_2), BATCHES,
        BATCH_U_INTL, BATCH_W_INTL, BATCH_X_SIX, RU_NL_PL, RU_NL_PL_2, BATCH_X, BATCH_Y,
        BATCH_Z, BATCH_AA, BATCH_AB, BATCH_AC_PROBES, BATCH_AE_PROBES, AR_TR_UK_VI, HI_ID,
        JA_KO, SV_NO_DA, FA_TL)) {
      for (String file : files) {
        out.addAll(cases(file));
      }
    }
    return out;
  }

  static List<Case> cases(String file) throws IOException {
    List<Case> out = new ArrayList<>();
    for (TsvTable.Row row : TsvTable.read(file, 3)) {
      String[] cols = row.columns();
      out.add(new Case(file, row.line(), Level.valueOf(cols[0]),
          cols[1].equals("-") ? null : cols[1], cols[2]));
    }
    return out;
  }

  static Stream<Arguments> table() throws IOException {
    return cases().stream()
        .map(c -> Arguments.of(c.file(), c.line(), c.level(), c.category(), c.message()));
  }

  @ParameterizedTest(name = "{0} line {1}: {2} {3} <- {4}")
  @MethodSource("table")
  void assessesAsExpected(String file, int line, Level level, String category, String message) {
    TriageResult r = TRIAGE.assess(message);
    assertEquals(level, r.level(), () -> "level for: " + message + " (rule " + r.ruleId() + ")");
    assertEquals(category, r.category(), () -> "category for: " + message + " (rule " + r.ruleId() + ")");
    if (level == Level.NONE) {
      assertEquals(TriageResult.none(), r);
    } else {
      assertNotNull(r.ruleId());
    }
  }

  @Test
  void tableIsLargeAndCoversEveryCategory() throws IOException {
    List<Case> cases = cases(ENGLISH);
    Map<Level, Integer> perLevel = new EnumMap<>(Level.class);
    cases.forEach(c -> perLevel.merge(c.level(), 1, Integer::sum));
    assertTrue(cases.size() >= 80, "at least 80 messages, have " + cases.size());
    assertTrue(perLevel.getOrDefault(Level.NONE, 0) >= 40, "at least 40 look-alikes");
    assertTrue(perLevel.getOrDefault(Level.EMERGENCY, 0) + perLevel.getOrDefault(Level.SELF_HARM, 0) >= 45,
        "at least 45 emergencies");
    List<String> required = List.of("BREATHING", "CHEST_PAIN", "STROKE", "SUICIDE", "SELF_HARM",
        "POISONING", "BLEEDING", "ANAPHYLAXIS", "SEIZURE", "UNCONSCIOUS", "CAUDA_EQUINA", "CHOKING");
    for (String cat : required) {
      assertTrue(cases.stream().anyMatch(c -> cat.equals(c.category())), "no case for " + cat);
    }
  }

  @Test
  void italianTableIsAsLargeAsItsHeldOutTable() throws IOException {
    List<Case> cases = cases(ITALIAN);
    Map<Level, Integer> perLevel = new EnumMap<>(Level.class);
    cases.forEach(c -> perLevel.merge(c.level(), 1, Integer::sum));
    assertTrue(perLevel.getOrDefault(Level.EMERGENCY, 0) + perLevel.getOrDefault(Level.SELF_HARM, 0)
        >= 60, "at least 60 emergencies");
    assertTrue(perLevel.getOrDefault(Level.URGENT, 0) >= 20, "at least 20 urgent messages");
    assertTrue(perLevel.getOrDefault(Level.NONE, 0) >= 40, "at least 40 look-alikes");
  }

  @Test
  void russianDutchAndPolishTablesCoverTheCoreCategories() throws IOException {
    for (String table : RU_NL_PL) {
      assertCoversTheCoreCategories(table, 25, 5, 10, "INFANT_FEVER");
    }
  }

  @Test
  void arabicTurkishUkrainianAndVietnameseTablesCoverTheCoreCategories() throws IOException {
    for (String table : AR_TR_UK_VI) {
      assertCoversTheCoreCategories(table, 40, 8, 15, "HEAD_INJURY");
    }
  }

  @Test
  void hindiAndIndonesianTablesCoverTheCoreCategories() throws IOException {
    List<String> required = List.of("BREATHING", "CHEST_PAIN", "STROKE", "SUICIDE", "SELF_HARM",
        "POISONING", "BLEEDING", "SEIZURE", "UNCONSCIOUS", "ANAPHYLAXIS", "CHOKING");
    for (String table : HI_ID) {
      List<Case> cases = cases(table);
      assertTrue(cases.stream().filter(c -> c.level() == Level.EMERGENCY
          || c.level() == Level.SELF_HARM).count() >= 40, table + ": at least 40 emergencies");
      assertTrue(cases.stream().filter(c -> c.level() == Level.URGENT).count() >= 8,
          table + ": at least 8 urgent");
      assertTrue(cases.stream().filter(c -> c.level() == Level.NONE).count() >= 15,
          table + ": at least 15 look-alikes");
      for (String cat : required) {
        assertTrue(cases.stream().anyMatch(c -> cat.equals(c.category())), table + ": no " + cat);
      }
    }
  }

  @Test
  void japaneseAndKoreanTablesCoverTheCoreCategories() throws IOException {
    for (String table : JA_KO.subList(0, 2)) {
      assertCoversTheCoreCategories(table, 40, 8, 15, "HEAD_INJURY");
    }
  }

  @Test
  void swedishNorwegianAndDanishTablesCoverTheCoreCategories() throws IOException {
    for (String table : SV_NO_DA.subList(0, 3)) {
      assertCoversTheCoreCategories(table, 40, 8, 15, "HEAD_INJURY");
    }
  }

  @Test
  void persianAndTagalogTablesCoverTheCoreCategories() throws IOException {
    for (String table : FA_TL.subList(0, 2)) {
      assertCoversTheCoreCategories(table, 40, 8, 15, "HEAD_INJURY");
    }
  }

  /** A language's development table: enough of each level, and every core category plus one. */
  private static void assertCoversTheCoreCategories(String table, int emergencies, int urgent,
      int lookAlikes, String alsoRequired) throws IOException {
    List<String> required = List.of("BREATHING", "CHEST_PAIN", "STROKE", "SUICIDE", "SELF_HARM",
        "POISONING", "BLEEDING", "SEIZURE", "UNCONSCIOUS", "ANAPHYLAXIS", "CHOKING", "BURN",
        alsoRequired);
    List<Case> cases = cases(table);
    Map<Level, Integer> perLevel = new EnumMap<>(Level.class);
    cases.forEach(c -> perLevel.merge(c.level(), 1, Integer::sum));
    assertTrue(perLevel.getOrDefault(Level.EMERGENCY, 0) + perLevel.getOrDefault(Level.SELF_HARM, 0)
        >= emergencies, table + ": at least " + emergencies + " emergencies");
    assertTrue(perLevel.getOrDefault(Level.URGENT, 0) >= urgent, table + ": at least " + urgent + " urgent");
    assertTrue(perLevel.getOrDefault(Level.NONE, 0) >= lookAlikes,
        table + ": at least " + lookAlikes + " look-alikes");
    for (String cat : required) {
      assertTrue(cases.stream().anyMatch(c -> cat.equals(c.category())), table + ": no " + cat);
    }
  }

  @Test
  void intlTableHasEmergenciesAndLookAlikes() throws IOException {
    List<Case> cases = cases(INTL);
    Map<Level, Integer> perLevel = new EnumMap<>(Level.class);
    cases.forEach(c -> perLevel.merge(c.level(), 1, Integer::sum));
    int languages = BATCH_LANGUAGES.size() - 1; // all but English; Italian has its own table
    assertTrue(cases.size() >= 40 * languages, "at least 40 messages per language, have " + cases.size());
    assertTrue(perLevel.getOrDefault(Level.NONE, 0) >= 16 * languages, "at least 16 look-alikes per language");
    assertTrue(perLevel.getOrDefault(Level.URGENT, 0) >= 2 * languages, "at least 2 urgent messages per language");
  }
}

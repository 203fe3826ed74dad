package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The frozen held-out tables ({@code heldout-cases.tsv}, {@code -2} to {@code -8}): each
 * written in one go before the rules were fitted to it, never edited to pass, never used to choose
 * a rule. Their figures are the ones the README reports; this test fails when one falls below the
 * floor recorded for its table. Prints figures per language, never the messages.
 */
class HeldOutTriageTest {

  /** What the project aims for; printed beside the measured figures. */
  static final double TARGET_EMERGENCY_RECALL = 0.98;
  static final double TARGET_FALSE_ALARMS = 0.03;
  static final double TARGET_URGENT_RECALL = 0.90;

  /**
   * The figures as last measured (README): the rules may not get worse on messages they were
   * never fitted to. Raised when the rules improve; never lowered to let a change pass.
   */
  static final Floors FIRST = new Floors("heldout-cases.tsv", 0.984, 0.000, 0.972);
  static final Floors SECOND = new Floors("heldout-cases-2.tsv", 0.989, 0.000, 0.959);
  static final Floors THIRD = new Floors("heldout-cases-3.tsv", 0.958, 0.017, 0.916);
  static final Floors FOURTH = new Floors("heldout-cases-4.tsv", 0.979, 0.041, 0.779);
  static final Floors FIFTH = new Floors("heldout-cases-5.tsv", 0.958, 0.090, 0.852);
  static final Floors SIXTH = new Floors("heldout-cases-6.tsv", 0.818, 0.085, 0.818);
  static final Floors SEVENTH = new Floors("heldout-cases-7.tsv", 0.855, 0.088, 0.581);
  static final Floors EIGHTH = new Floors("heldout-cases-8.tsv", 0.855, 0.090, 0.754);
  static final Floors NINTH = new Floors("heldout-cases-9.tsv", 0.807, 0.051, 0.607);
  static final Floors TENTH = new Floors("heldout-cases-10.tsv", 0.846, 0.089, 0.625);
  static final Floors ELEVENTH = new Floors("heldout-cases-11.tsv", 0.807, 0.089, 0.589);
  static final Floors TWELFTH = new Floors("heldout-cases-12.tsv", 0.836, 0.076, 0.678);
  static final Floors THIRTEENTH = new Floors("heldout-cases-13.tsv", 0.836, 0.051, 0.714);
  static final Floors FOURTEENTH = new Floors("heldout-cases-14.tsv", 0.865, 0.064, 0.642);
  static final Floors FIFTEENTH = new Floors("heldout-cases-15.tsv", 0.865, 0.038, 0.660);

  /**
   * One frozen table and its recorded figures. The first was written before any rule changed but
   * its summary lines were then watched while rules for other languages were tuned; the second
   * was written afterwards by someone who never saw the rules, but has since been measured after
   * every batch and three of its lines were once printed, so it too flatters the rules. The third
   * (issue 9, ten languages) was written in one go on 2026-12-06 by a helper who had read neither
   * the rules nor any development table, batch, rule example or other held-out table, and is the
   * honest estimate; its floors are the figures measured once that day after it was committed
   * (112/121 emergencies, 43/60 urgent, 3/120 false alarms). The fourth (issue 9 again) was written
   * the same way and day by another helper under the same blindness, so it is a second honest
   * estimate; its floors are the figures measured once after it was committed (96/99 emergencies,
   * 39/59 urgent, 3/74 false alarms), the false-alarm ceiling rounded up so the measured rate
   * passes. The fifth (23 languages, English 70 and 8 for each other language) was written the
   * same way on 2026-12-06 by a third helper under the same blindness; its floors are the figures
   * measured once that day after it was committed (84/96 emergencies, 36/61 urgent of which 4 read
   * as emergency, 11/89 false alarms), the urgent floor rounded down and the false-alarm ceiling
   * rounded up to three places so the measured rates pass. Floors are raised to what the rules
   * reach later and never lowered: the fourth and fifth now hold the figures after the batches and
   * lead probes of the thirteenth session (fourth 44/59 urgent; fifth 88/96 emergencies, 51/61
   * urgent, 9/89 false alarms), which flatter the rules since some were written from the fifth's
   * miss categories; the figures measured once stay the honest estimate. The sixth (23 languages,
   * English 50 and 9 for each other language, 27 of its 110 emergencies self-harm) was written in
   * one go on 2026-12-06 by a fourth helper (branch heldout6) under the same blindness, committed
   * before it was run and measured once that day: 70/110 emergencies, 28/55 urgent of which 2 read
   * as emergency, 8/83 false alarms, the honest estimate. Its floors follow the figures after
   * batches AW to BB, written from its miss categories in general words by helpers who never saw
   * it: 77/110 emergencies, 32/55 urgent, 8/83 false alarms (the recall floors rounded down, the
   * false-alarm ceiling rounded up to three places); those later figures flatter the rules. The
   * seventh (23 languages, English 40, Spanish, French, German, Portuguese and Chinese 16 each, 7
   * for each other language; 104 emergencies of which 22 self-harm, 55 urgent, 80 look-alikes) was
   * written in one go on 2026-12-06 by a fifth helper (branch heldout7) under the same blindness,
   * committed before it was run, and measured once on the rules of that session's start (40c8be0):
   * 84/104 emergencies, 28/55 urgent of which 5 read as emergency, 7/80 false alarms, the honest
   * estimate; its misses were never read, only these counts. After the fifteenth session's lead
   * rules and batches BC to BF (written blind to it) it reads 85/104 emergencies and 29/55 urgent,
   * which its floors now hold; the sixth reads 83/110 and 35/55 after the same work. The eighth
   * (the same 23 languages and sizes; 104 emergencies of which 23 self-harm, 57 urgent, 78
   * look-alikes) was written in one go on 2026-12-07 by a sixth helper (branch heldout8) under the
   * same blindness, committed before it was run, and measured once on the rules of that session's
   * start (780cdf1): 85/104 emergencies, 38/57 urgent of which 2 read as emergency, 7/78 false
   * alarms, the honest estimate, which its floors hold (urgent rounded down, false alarms up).
   * After the sixteenth session's batches BG to BJ and lead probes the eighth did not move and the
   * seventh read 86/104 emergencies. The ninth (seventeenth session, same blindness, measured once
   * on f6e4be0): 81/104 emergencies, 30/56 urgent, 5/79 false alarms. After that session's batches
   * BK to BN and lead probes: sixth 87/110, seventh 88/104, eighth 86/104 and 39/57 urgent, ninth
   * 82/104; the floors hold these. The tenth (eighteenth session, same blindness, measured once
   * on 71cf8143): 86/104 emergencies, 30/56 urgent, 7/79 false alarms. After that session's typo
   * repair and batches BO to BR: fourth 97/99, sixth 89/110 and 40/55 urgent, eighth 87/104, ninth
   * 83/104 and 31/56 urgent, tenth 31/56 urgent (its emergencies and false alarms did not move).
   * The eleventh (nineteenth session, same blindness, measured once on b01ea235): 82/104
   * emergencies, 28/56 urgent of which 3 read as emergency, 7/79 false alarms. After that
   * session's drawn-out letters and batches BS to BV: sixth 90/110 and 41/55 urgent, seventh 30/55
   * urgent, tenth 34/56 urgent, eleventh 29/56 urgent (emergencies and false alarms unmoved);
   * the French elisions typed without their apostrophe, fifth 91/96. The twelfth (twentieth
   * session, same blindness, measured once on c0e72f70): 84/104 emergencies, 34/56 urgent of
   * which 5 read as emergency, 6/79 false alarms. After that session's batches BW to BZ and the
   * lead's hypothermia and meningitis rules for the languages that had none: third 55/60 urgent,
   * ninth 4/79 false alarms, tenth 87/104, eleventh 30/56 urgent, twelfth 85/104. The thirteenth
   * (twenty-first session, same blindness, measured once on f9b5c132): 80/104 emergencies, 35/56
   * urgent of which 3 read as emergency, 4/79 false alarms. After that session's batches CA to CD,
   * Ukrainian in Latin letters and the own-set look-alikes: fourth 45/59 urgent, fifth 92/96 and
   * 52/61 urgent, sixth 43/55 urgent, seventh 89/104, eighth 41/57 urgent, eleventh 32/56 urgent,
   * twelfth 37/56 urgent, thirteenth 82/104; with the fever on chemotherapy and in a baby under
   * three months read as emergencies in every language (the label policy), thirteenth 84/104.
   * The fourteenth (twenty-second session, same blindness, measured once on 3c6a8cac): 89/104
   * emergencies, 35/56 urgent of which 5 read as emergency, 5/79 false alarms. After that session's
   * batches CE to CI: seventh 31/55 urgent, eighth 89/104, ninth 84/104 and 32/56 urgent, tenth
   * 88/104, eleventh 84/104, twelfth 86/104, thirteenth 86/104, fourteenth 90/104; no false alarm
   * more or fewer on any table. The fifteenth (twenty-third session, same blindness, measured once
   * on 10d103d9): 90/104 emergencies, 36/56 urgent of which 1 read as emergency, 3/79 false alarms.
   * After that session's batches CJ to CM and the lead's English rules: urgent fourth 46/59, sixth
   * 45/55, seventh 32/55, eighth 43/57, ninth 34/56, tenth 35/56, eleventh 33/56, twelfth 38/56,
   * thirteenth 40/56, fourteenth 36/56, fifteenth 37/56; emergencies twelfth and thirteenth 87/104;
   * no false alarm more or fewer on any table.
   */
  record Floors(String file, double minEmergencyRecall, double maxFalseAlarms,
      double minUrgentRecall) {}

  record Case(int line, Level expected, String lang, String message) {}

  /** Counts for one language (or all): how many of each expected level got which result. */
  static final class Tally {
    int emergencies;
    int emergenciesCaught;
    int urgents;
    int urgentsCaught;
    int urgentsOverTriaged;
    int lookAlikes;
    int falseAlarms;
    final List<String> misses = new ArrayList<>();

    void add(Case c, TriageResult r) {
      switch (c.expected()) {
        case EMERGENCY -> {
          emergencies++;
          if (r.emergency()) {
            emergenciesCaught++;
          } else {
            misses.add("missed emergency (" + r.level() + "): " + c.message());
          }
        }
        case URGENT -> {
          urgents++;
          if (r.level() == Level.URGENT) {
            urgentsCaught++;
          } else if (r.emergency()) {
            urgentsOverTriaged++;
            misses.add("urgent read as emergency (" + r.ruleId() + "): " + c.message());
          } else {
            misses.add("missed urgent: " + c.message());
          }
        }
        default -> {
          lookAlikes++;
          if (r.level() != Level.NONE) {
            falseAlarms++;
            misses.add("false alarm " + r.level() + " (" + r.ruleId() + "): " + c.message());
          }
        }
      }
    }

    double emergencyRecall() {
      return emergencies == 0 ? 1 : (double) emergenciesCaught / emergencies;
    }

    double urgentRecall() {
      return urgents == 0 ? 1 : (double) urgentsCaught / urgents;
    }

    double falseAlarmRate() {
      return lookAlikes == 0 ? 0 : (double) falseAlarms / lookAlikes;
    }

    String line(String name) {
      return String.format(Locale.ROOT,
          "%-4s emergency recall %3d/%3d = %.3f   urgent %2d/%2d = %.3f (%d as emergency)   "
              + "false alarms %2d/%3d = %.3f",
          name, emergenciesCaught, emergencies, emergencyRecall(), urgentsCaught, urgents,
          urgentRecall(), urgentsOverTriaged, falseAlarms, lookAlikes, falseAlarmRate());
    }
  }

  /** The first two tables, whose English alarms {@link ObfuscatedTriageTest} also hides. */
  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>(cases(FIRST.file()));
    out.addAll(cases(SECOND.file()));
    return out;
  }

  static List<Case> cases(String file) throws IOException {
    List<Case> out = new ArrayList<>();
    for (TsvTable.Row row : TsvTable.read(file, 3)) {
      String[] cols = row.columns();
      Level level = Level.valueOf(cols[0]);
      // A self-harm row needs the crisis reply, which names the emergency number: an emergency.
      Level expected = level == Level.SELF_HARM ? Level.EMERGENCY : level;
      out.add(new Case(row.line(), expected, cols[1], cols[2]));
    }
    return out;
  }

  /** Figures per language and overall, as printed by the test and quoted in the README. */
  static Map<String, Tally> evaluate(Triage triage, String file) throws IOException {
    Map<String, Tally> byLang = new TreeMap<>();
    Tally all = new Tally();
    for (Case c : cases(file)) {
      TriageResult r = triage.assess(c.message());
      byLang.computeIfAbsent(c.lang(), k -> new Tally()).add(c, r);
      all.add(c, r);
    }
    byLang.put("all", all);
    return byLang;
  }

  @Test
  void firstTableKeepsItsFigures() throws IOException {
    check(FIRST);
  }

  @Test
  void secondTableKeepsItsFigures() throws IOException {
    check(SECOND);
  }

  @Test
  void thirdTableKeepsItsFigures() throws IOException {
    check(THIRD);
  }

  @Test
  void fourthTableKeepsItsFigures() throws IOException {
    check(FOURTH);
  }

  @Test
  void fifthTableKeepsItsFigures() throws IOException {
    check(FIFTH);
  }

  @Test
  void sixthTableKeepsItsFigures() throws IOException {
    check(SIXTH);
  }

  @Test
  void seventhTableKeepsItsFigures() throws IOException {
    check(SEVENTH);
  }

  @Test
  void eighthTableKeepsItsFigures() throws IOException {
    check(EIGHTH);
  }

  @Test
  void ninthTableKeepsItsFigures() throws IOException {
    check(NINTH);
  }

  @Test
  void tenthTableKeepsItsFigures() throws IOException {
    check(TENTH);
  }

  @Test
  void eleventhTableKeepsItsFigures() throws IOException {
    check(ELEVENTH);
  }

  @Test
  void twelfthTableKeepsItsFigures() throws IOException {
    check(TWELFTH);
  }

  @Test
  void thirteenthTableKeepsItsFigures() throws IOException {
    check(THIRTEENTH);
  }

  @Test
  void fourteenthTableKeepsItsFigures() throws IOException {
    check(FOURTEENTH);
  }

  @Test
  void fifteenthTableKeepsItsFigures() throws IOException {
    check(FIFTEENTH);
  }

  private static void check(Floors floors) throws IOException {
    Map<String, Tally> figures = evaluate(Triage.loadDefault(), floors.file());
    figures.forEach((lang, t) -> System.out.println(floors.file() + " " + t.line(lang)));
    Tally all = figures.get("all");
    System.out.printf(Locale.ROOT, "%s targets: emergency recall >= %.2f, urgent recall >= %.2f,"
        + " false alarms <= %.2f%n", floors.file(), TARGET_EMERGENCY_RECALL, TARGET_URGENT_RECALL,
        TARGET_FALSE_ALARMS);
    assertTrue(all.emergencies >= 90 && all.lookAlikes >= 50, "the table is large enough");
    assertTrue(all.emergencyRecall() >= floors.minEmergencyRecall(), all.line("all"));
    assertTrue(all.falseAlarmRate() <= floors.maxFalseAlarms(), all.line("all"));
    assertTrue(all.urgentRecall() >= floors.minUrgentRecall(), all.line("all"));
  }
}

package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriageTest {

  private static final String SMALL_RULES = """
      # a comment
      [triggers]
      t.breathe   EMERGENCY  BREATHING  always   cannot breathe
      t.chest     EMERGENCY  CHEST_PAIN context  chest [really|very] pain
      t.kill      SELF_HARM  SUICIDE    always   kill myself
      t.pills     EMERGENCY  POISONING  context  took ~2 pills
      [info]
      i.what      what {are|is}
      [past]
      p.ago       years ago
      [present]
      n.now       right now
      """;

  private static Triage small() throws IOException {
    return Triage.load(new StringReader(SMALL_RULES));
  }

  @Test
  void customRulesFireAndNameTheRule() throws IOException {
    TriageResult r = small().assess("Help, I CAN'T breathe!");
    assertEquals(new TriageResult(Level.EMERGENCY, "t.breathe", "BREATHING"), r);
    assertTrue(r.emergency());
  }

  @Test
  void negationBeforeTriggerCancelsIt() throws IOException {
    Triage t = small();
    assertEquals(Level.NONE, t.assess("I have no chest pain at all").level());
    assertEquals(Level.NONE, t.assess("I don't have really chest pain").level());
    // the negation belongs to another clause
    assertEquals(Level.EMERGENCY, t.assess("no fever, but chest pain").level());
    // too far away to be about the trigger
    assertEquals(Level.EMERGENCY,
        t.assess("I was not expecting any of this when the chest pain started").level());
    // "not sure" is doubt, not denial
    assertEquals(Level.EMERGENCY, t.assess("not sure but chest pain").level());
    assertEquals(Level.EMERGENCY, t.assess("I am not sure this chest pain is normal").level());
  }

  @Test
  void informationalQuestionSuppressesContextRulesUnlessSomethingHappensNow() throws IOException {
    Triage t = small();
    assertEquals(Level.NONE, t.assess("what are the causes of chest pain?").level());
    assertEquals(Level.EMERGENCY, t.assess("what is this chest pain I have right now?").level());
    // "always" rules ignore informational wording
    assertEquals(Level.EMERGENCY, t.assess("what is wrong, I cannot breathe").level());
  }

  @Test
  void aCompoundHalfAfterItsNotAfterWordDeniesNothingInGapsOrPastBreaks() throws IOException {
    Triage t = Triage.load(new StringReader("""
        [negation]
        words       ne pas
        not-after   nouveau
        breaks      mais
        [triggers]
        t.breath    EMERGENCY  BREATHING  always  fievre ~~8 respire mal
        """));
    // "nouveau-né" is read "nouveau ne": the gap may end on that "ne", and it does not carry the
    // denial before "mais" past the break
    assertEquals(Level.EMERGENCY,
        t.assess("pas de fievre mais le nouveau-né respire mal").level());
    assertEquals(Level.EMERGENCY, t.assess("fievre, le nouveau-né respire mal").level());
    // a real "ne" still ends the gap, and a denial without a break still holds
    assertEquals(Level.NONE, t.assess("fievre, il ne respire mal").level());
    assertEquals(Level.NONE, t.assess("pas de fievre et respire mal").level());
  }

  @Test
  void aRecoveryOpeningTheNextSentenceIsReadWithTheEventBeforeIt() throws IOException {
    Triage t = Triage.load(new StringReader("""
        [define]
        @recovered  {came round|fine now}
        [triggers]
        t.faint      EMERGENCY  UNCONSCIOUS always  fainted !~8{@recovered}
        t.faint-over URGENT     GENERAL     always  fainted ~8 @recovered
        [recovery]
        t.recovery   @recovered
        """));
    assertEquals(Level.URGENT, t.assess("he fainted this morning, came round at once").level());
    // told in two sentences, the subject first: the same faint told as over
    assertEquals(Level.URGENT, t.assess("he fainted this morning. he came round at once").level());
    assertEquals(Level.URGENT, t.assess("He fainted this morning! He is fine now.").level());
    // a recovery further into the next sentence, or two sentences on, is another statement
    assertEquals(Level.EMERGENCY,
        t.assess("he fainted this morning. his sister said that she came round later").level());
    assertEquals(Level.EMERGENCY,
        t.assess("he fainted this morning. he is pale. he came round at once").level());
  }

  @Test
  void weakPresentWordingLosesToAPastPhraseInItsSentence() throws IOException {
    Triage t = Triage.load(new StringReader("""
        [triggers]
        t.faint     EMERGENCY  UNCONSCIOUS context  fainted
        [info]
        i.common    is that common
        [past]
        p.last      last summer
        [present]
        n.now       right now
        [present-weak]
        w.did       friend fainted
        """));
    // news about a friend defeats the general question...
    assertEquals(Level.EMERGENCY, t.assess("my friend fainted, is that common?").level());
    // ...but not a date in its own sentence
    assertEquals(Level.NONE, t.assess("my friend fainted last summer, is that common?").level());
    assertEquals(Level.EMERGENCY,
        t.assess("my friend fainted last summer and right now again").level());
  }

  @Test
  void pastWordingCountsOnlyInItsOwnSentence() throws IOException {
    Triage t = small();
    assertEquals(Level.NONE, t.assess("I had chest pain 3 years ago").level());
    assertEquals(Level.EMERGENCY, t.assess("I had a fracture 3 years ago. Chest pain started").level());
    assertEquals(Level.EMERGENCY, t.assess("chest pain from years ago is back right now").level());
  }

  @Test
  void selfHarmOutranksOtherEmergencies() throws IOException {
    TriageResult r = small().assess("I took 30 pills because I want to kill myself");
    assertEquals(Level.SELF_HARM, r.level());
    assertEquals("t.kill", r.ruleId());
  }

  @Test
  void bundledRulesLoadOnceAndRecognizeAnEmergency() {
    assertSame(Triage.loadDefault(), Triage.loadDefault());
    assertEquals(Level.EMERGENCY, Triage.loadDefault().assess("my husband is not breathing").level());
  }

  @Test
  void emptyAndNullAreNone() {
    Triage t = Triage.loadDefault();
    assertEquals(TriageResult.none(), t.assess(null));
    assertEquals(TriageResult.none(), t.assess(""));
    assertEquals(TriageResult.none(), t.assess("   \n\t  "));
    assertEquals(TriageResult.none(), t.assess("?!...,,,"));
  }

  @Test
  void hugeInputIsHandledAndStillScanned() {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 100_000) {
      sb.append("I have a question about calcium and vitamin D after my fracture. ");
    }
    Triage t = Triage.loadDefault();
    assertEquals(TriageResult.none(), t.assess(sb.toString()));
    assertEquals(Level.EMERGENCY, t.assess(sb + " Now my wife can't breathe.").level());
    // one giant "word" and punctuation runs must not blow up the regex engine
    assertEquals(TriageResult.none(), t.assess("a".repeat(100_000)));
    assertEquals(TriageResult.none(), t.assess("!?".repeat(50_000)));
    assertEquals(TriageResult.none(), t.assess("chest ".repeat(20_000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Hola, tengo dolor de espalda después de la cifoplastia",
      "Ich habe seit der Operation Rückenschmerzen",
      "我做了椎体成形术以后背很痛",
      "После операции болит спина",
      "ألم في الظهر بعد العملية",
      "\uD83D\uDE00\uD83D\uDE4F\u200B\u00A0\uFEFF",
      "\u0000\u0001\uFFFF broken \uD800 surrogate",
  })
  void nonEnglishAndOddCharactersAreNone(String text) {
    assertEquals(TriageResult.none(), Triage.loadDefault().assess(text));
  }

  @Test
  void fullwidthAndCurlyApostrophesAreNormalized() {
    Triage t = Triage.loadDefault();
    assertEquals(Level.EMERGENCY, t.assess("I can\u2019t breathe").level());
    assertEquals(Level.EMERGENCY, t.assess("I ＣＡＮ’Ｔ ＢＲＥＡＴＨＥ").level());
    assertEquals(Level.EMERGENCY, t.assess("my  husband\n\nis   NOT\tbreathing").level());
  }

  @Test
  void concurrentCallersGetTheSameResultsAsOne() throws Exception {
    Triage t = Triage.loadDefault();
    List<String> messages = new ArrayList<>();
    for (TriageTableTest.Case c : TriageTableTest.cases()) {
      messages.add(c.message());
    }
    List<TriageResult> expected = messages.stream().map(t::assess).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<TriageResult>>> runs = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        runs.add(pool.submit(() -> messages.stream().map(t::assess).toList()));
      }
      for (Future<List<TriageResult>> run : runs) {
        assertEquals(expected, run.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- errors in the rules file name the line -----------------------------------------------

  private static String loadError(String rules) {
    IOException e = assertThrows(IOException.class, () -> Triage.load(new StringReader(rules)));
    return e.getMessage();
  }

  @Test
  void unknownLevelNamesTheLine() {
    String msg = loadError("[triggers]\n# comment\n\nx  CRITICAL  CHEST  always  chest pain\n");
    assertTrue(msg.contains("line 4"), msg);
    assertTrue(msg.contains("CRITICAL"), msg);
  }

  @Test
  void badPhraseNamesTheLineAndTheRule() {
    String msg = loadError("[triggers]\nok EMERGENCY A always chest pain\nbad EMERGENCY A always can't breathe\n");
    assertTrue(msg.contains("line 3"), msg);
    assertTrue(msg.contains("'bad'"), msg);
    assertTrue(msg.contains("cannot"), msg);
  }

  @Test
  void otherMistakesAreReportedWithTheirLine() {
    assertTrue(loadError("x EMERGENCY A always chest\n").contains("line 1"));
    assertTrue(loadError("[trigger]\n").contains("unknown section"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A always\n").contains("line 2"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A sometimes chest\n").contains("mode"));
    assertTrue(loadError("[triggers]\nx EMERGENCY lower always chest\n").contains("UPPER_CASE"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A always a\nx EMERGENCY A always b\n")
        .contains("line 3: duplicate rule id 'x'"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A always chest ~99 pain\n").contains("gap"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A always {chest|\n").contains("line 2"));
    assertTrue(loadError("[triggers]\nx EMERGENCY A always br* pain\n").contains("letters before '*'"));
    assertTrue(loadError("[info]\ni what is\n").contains("no [triggers]"));
  }
}

package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.KnowledgeBase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emergency guidance comes first on every path a message can take through the core: too long,
 * over the rate limit, an unknown command, another language, a staff member asking for
 * themselves. Urgent messages get their note and still their answer.
 */
class SafetyPathsTest {
  static final String PATIENT = "111";
  static final String MODERATOR = "500";
  static final String EMERGENCY_NUMBER = "112";

  @TempDir Path home;
  final Fixtures fx = new Fixtures();
  final TestClock clock = new TestClock(Fixtures.START);
  KnowledgeBase kb;
  BotCore core;
  FakeChat chat;

  @BeforeEach
  void open() throws Exception {
    kb = fx.open(home);
    core = BotCore.create(CoreConfig.defaults().withEmergencyNumber(EMERGENCY_NUMBER)
        .withRateLimit(3).withInitialAdmins("telegram:" + MODERATOR)
        .withPseudonymizationKey("a test key of enough bytes"), kb, clock);
    chat = new FakeChat(core, Platform.TELEGRAM);
  }

  @AfterEach
  void close() throws Exception {
    core.close();
    kb.close();
  }

  private static void assertEmergencyGuidance(Turn t) {
    assertEquals(Outcome.EMERGENCY, t.outcome(), () -> FakeChat.text(t.replies()));
    Reply first = t.replies().get(0);
    assertEquals(Part.Style.ALERT, first.parts().get(0).style(), first.plainText());
    assertTrue(first.plainText().contains(EMERGENCY_NUMBER), first.plainText());
    assertEquals(null, t.entryId());
  }

  private int queued() throws Exception {
    core.admin().logs(Admin.LogQuery.recent(1)); // flushes the log writer
    try (Connection c = kb.database().openReader();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM core_queue")) {
      r.next();
      return r.getInt(1);
    }
  }

  private String loggedLevel() throws Exception {
    core.admin().logs(Admin.LogQuery.recent(1));
    try (Connection c = kb.database().openReader();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT triage_level FROM core_interactions ORDER BY id DESC "
            + "LIMIT 1")) {
      r.next();
      return r.getString(1);
    }
  }

  @Test
  void tooLongMessageThatDescribesAnEmergencyGetsGuidanceNotTheLengthNote() throws Exception {
    String text = "I cannot breathe and my chest hurts badly. " + "It started an hour ago. "
        .repeat(200);
    assertTrue(text.length() > CoreConfig.defaults().maxMessageLength());
    Turn t = chat.turn(PATIENT, text);
    assertEmergencyGuidance(t);
    assertFalse(FakeChat.text(t.replies()).contains("too long"));
    assertEquals("emergency", loggedLevel());
  }

  @Test
  void tooLongOrdinaryMessageStillGetsTheLengthNote() {
    Turn t = chat.turn(PATIENT, "How long should I rest after knee surgery? ".repeat(200));
    assertEquals(Outcome.REFUSED, t.outcome());
    assertTrue(FakeChat.text(t.replies()).contains("too long"));
  }

  @Test
  void emergencyOverTheRateLimitIsAnsweredWhileOrdinaryQuestionsAreHeldBack() {
    for (int i = 0; i < 3; i++) {
      assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "knee pain after running").outcome());
    }
    Turn warned = chat.turn(PATIENT, "knee pain after running");
    assertEquals(Outcome.RATE_LIMITED, warned.outcome());
    assertTrue(FakeChat.text(warned.replies()).contains(EMERGENCY_NUMBER),
        "even the slow-down note names the number");
    Turn dropped = chat.turn(PATIENT, "knee pain after running");
    assertEquals(Outcome.RATE_LIMITED, dropped.outcome());
    assertTrue(dropped.replies().isEmpty());
    assertEmergencyGuidance(chat.turn(PATIENT, "I can't breathe and my chest hurts"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/frobnicate I can't breathe and my chest hurts",
      "/ask my husband collapsed and is not breathing", "/start my chest hurts so bad i cant breathe"})
  void commandsCarryingAnEmergencyGetGuidance(String text) {
    assertEmergencyGuidance(chat.turn(PATIENT, text));
  }

  @Test
  void staffAskingForThemselvesAreTriagedButTheirContentIsNot() {
    assertEmergencyGuidance(chat.turn(MODERATOR, "my chest hurts so bad and i cant breathe"));
    // a moderator writing an answer about chest pain is authoring, not reporting a symptom
    Turn add = chat.turn(MODERATOR, "/add What does crushing chest pain mean? | Crushing chest pain "
        + "with trouble breathing can be a heart attack: call the emergency number.");
    assertFalse(add.outcome() == Outcome.EMERGENCY, FakeChat.text(add.replies()));
  }

  @Test
  void invisibleCharactersCannotHideSelfHarm() {
    Turn t = chat.turn(PATIENT, "I want to kill my\u200bself");
    assertEquals(Outcome.EMERGENCY, t.outcome());
    assertTrue(t.replies().get(0).plainText().contains("988"), t.replies().get(0).plainText());
    assertEquals("self_harm", t.triage());
  }

  @Test
  void emergencyRepliesSayEachLineOnce() {
    for (String text : List.of("I can't breathe", "crushing chest pain right now",
        "her face is drooping and her speech is slurred", "he is bleeding heavily and it won't stop",
        "my toddler swallowed a battery", "my throat is closing after a bee sting",
        "she is having a seizure now", "he collapsed and is unresponsive",
        "I want to kill myself", "I cannot feel my legs since the kyphoplasty")) {
      Turn t = chat.turn(PATIENT + text.length(), text);
      assertEmergencyGuidance(t);
      List<String> lines = new ArrayList<>();
      t.replies().forEach(r -> r.parts().forEach(p -> lines.add(p.text())));
      Set<String> distinct = new HashSet<>(lines);
      assertEquals(lines.size(), distinct.size(), () -> "repeated line for " + text + ": " + lines);
      assertTrue(lines.size() >= 3, () -> "guidance beyond the number for " + text + ": " + lines);
    }
  }

  @Test
  void seedPatientGetsTheUrgentNoteAndTheDoctorsReply() throws Exception {
    Turn t = chat.turn(PATIENT, "I had balloon kyphoplasty two weeks ago for a T12 fracture. Since "
        + "then I have numbness in my left leg and my left foot feels weak. The X-ray shows cement "
        + "leakage. Is this related?");
    assertEquals(Outcome.ANSWERED, t.outcome(), () -> FakeChat.text(t.replies()));
    assertEquals("urgent", t.triage());
    assertEquals(fx.cementId, t.entryId());
    Reply r = t.replies().get(0);
    assertEquals(Part.Style.ALERT, r.parts().get(0).style());
    assertTrue(r.parts().get(0).text().contains("today"), r.plainText());
    assertTrue(r.plainText().contains("one of ten procedures"), r.plainText());
    assertEquals(Part.Style.DISCLAIMER, r.parts().get(r.parts().size() - 1).style());
    assertEquals("urgent", loggedLevel());
    Turn stats = chat.turn(MODERATOR, "/stats");
    assertTrue(FakeChat.text(stats.replies()).contains("1 to be seen today"),
        FakeChat.text(stats.replies()));
  }

  @Test
  void otherLanguageIsToldInItsLanguageWithTheNumberAndNotQueued() throws Exception {
    Turn t = chat.turn(PATIENT, "¿Cuáles son los efectos secundarios de la cirugía de columna?");
    assertEquals(Outcome.OTHER_LANGUAGE, t.outcome());
    String text = FakeChat.text(t.replies());
    assertTrue(text.contains("solo puedo responder en inglés"), text);
    assertTrue(text.contains(EMERGENCY_NUMBER), text);
    assertEquals(null, t.entryId());
    assertEquals(0, queued());
  }

  @Test
  void smallTalkGetsAShortReplyAndIsNotQueued() throws Exception {
    for (String text : List.of("hi", "Thank you so much!", "hola", "bye")) {
      Turn t = chat.turn(PATIENT + text.length(), text);
      assertEquals(Outcome.COMMAND, t.outcome(), text);
      assertTrue(FakeChat.text(t.replies()).contains(EMERGENCY_NUMBER), text);
      assertFalse(FakeChat.text(t.replies()).contains("reviewed answer"), text);
    }
    assertTrue(FakeChat.text(chat.turn(PATIENT + "x", "hola").replies())
        .contains("solo puedo responder en inglés"));
    assertEquals(0, queued());
    Turn question = chat.turn(PATIENT + "2", "hi, what helps back pain after kyphoplasty?");
    assertFalse(question.outcome() == Outcome.COMMAND, FakeChat.text(question.replies()));
  }

  @Test
  void askedWhatTheBotIsItSaysSoAndQueuesNothing() throws Exception {
    for (String text : List.of("what can you do?", "are you a real doctor?")) {
      Turn t = chat.turn(PATIENT + text.length(), text);
      assertEquals(Outcome.COMMAND, t.outcome(), text);
      String reply = FakeChat.text(t.replies());
      assertTrue(reply.contains("I am a bot, not a doctor"), reply);
      assertTrue(reply.contains(EMERGENCY_NUMBER), reply);
    }
    assertEquals(0, queued());
  }

  @Test
  void englishWithAForeignWordIsStillSearched() {
    Turn t = chat.turn(PATIENT, "my abuela has knee pain after running, what can she do?");
    assertFalse(t.outcome() == Outcome.OTHER_LANGUAGE, FakeChat.text(t.replies()));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "No puedo respirar y me estoy ahogando | Siéntese erguido | Sit upright",
      "Mon mari a une douleur écrasante dans la poitrine depuis 20 minutes | Arrêtez toute activité"
          + " | Stop any activity",
      "Mein Vater kann plötzlich nicht mehr sprechen und sein Gesicht hängt auf einer Seite"
          + " | Uhrzeit | Note the time",
      "Meu filho está tendo uma convulsão agora | proteja a cabeça | cushion the head",
      "我妈妈突然晕倒了，叫不醒 | 心肺复苏 | start CPR",
      "mio padre ha un forte dolore al petto e suda | Non guidi | Do not drive",
      "mia madre ha la bocca storta e non riesce a parlare, cosa devo fare? | Annoti l'ora"
          + " | Note the time",
      "Mi bebé de 2 meses tiene 38 de fiebre | No espere a ver si se pasa | Do not wait to see",
      "у мужа сильная боль в груди, отдаёт в левую руку | Не садитесь за руль | Do not drive",
      "mijn vader is flauwgevallen en wordt niet wakker | begin met reanimeren | start CPR",
      "mój syn ma drgawki od pięciu minut | podłóż coś miękkiego pod głowę | cushion the head",
      // the Spanish "anafilaxia" rule, read first, fires too: the writer's language still leads
      "moja córka ma wstrząs anafilaktyczny po orzeszkach | użyj jej teraz | use it now",
      "ابويا عنده الم شديد في صدره وعرقان | لا تقد السيارة | Do not drive",
      "babam nefes alamıyor, dudakları morardı | Dik oturun | Sit upright",
      "у мами судоми вже п'ять хвилин | підкладіть щось м'яке під голову | cushion the head",
      "bố tôi đau ngực dữ dội, vã mồ hôi | Đừng tự lái xe | Do not drive",
      "मेरे पापा बेहोश हो गए हैं और साँस नहीं ले रहे | सीपीआर | start CPR",
      "papa ko seene mein bahut tez dard hai aur pasina aa raha hai | गाड़ी चलाकर | Do not drive",
      "anak saya kejang sudah lima menit | sesuatu yang lembut | cushion the head",
      "父が胸を押さえて苦しそうで、冷や汗をかいています | 自分で運転して病院に行かないでください | Do not drive",
      "아빠가 5분째 경련을 하고 있어요 | 머리 밑에 부드러운 것을 받쳐 주세요 | cushion the head",
      "Jag kan inte andas och har ont i bröstet | Sitt upprätt | Sit upright",
      "faren min har sterke brystsmerter og er kaldsvett | Ikke kjør selv | Do not drive",
      "min mand er bevidstløs og trækker ikke vejret | hjertelungeredning | start CPR",
      "پدرم درد قفسه سینه داره و عرق سرد کرده، چیکار کنم؟ | خودتان رانندگی نکنید | Do not drive",
      "nangingisay ang anak ko, limang minuto na po | malambot ang ilalim ng ulo | cushion the head"})
  void emergencyInAnotherLanguageGetsGuidanceInItFirstThenInEnglish(String text, String own,
      String english) {
    Turn t = chat.turn(PATIENT, text);
    assertEmergencyGuidance(t);
    List<String> lines = new ArrayList<>();
    t.replies().get(0).parts().forEach(p -> lines.add(p.text()));
    int ownAt = indexOfLineWith(lines, own);
    int englishAt = indexOfLineWith(lines, english);
    assertTrue(ownAt > 0 && englishAt > ownAt, () -> text + ": " + lines);
    assertFalse(lines.get(0).contains("This may be an emergency"), lines.get(0));
    assertTrue(lines.get(0).contains(EMERGENCY_NUMBER), lines.get(0));
    assertEquals(lines.size(), new HashSet<>(lines).size(), () -> "repeated line: " + lines);
  }

  @Test
  void someoneWorriedAboutARelativeIsToldWhatToDoForThem() {
    Turn t = chat.turn(PATIENT, "my husband says he wants to end it all");
    assertEquals(Outcome.EMERGENCY, t.outcome(), () -> FakeChat.text(t.replies()));
    assertEquals("self_harm", t.triage());
    assertTrue(FakeChat.text(t.replies()).contains("worried about someone else"),
        FakeChat.text(t.replies()));
  }

  @Test
  void severeBurnGetsBurnFirstAidNotJustTheNumber() {
    Turn t = chat.turn(PATIENT, "my toddler pulled a pan of boiling water over himself, his whole "
        + "chest is blistering");
    assertEmergencyGuidance(t);
    String text = FakeChat.text(t.replies());
    assertTrue(text.contains("cool running water for 20 minutes"), text);
  }

  @Test
  void urgentMessageInAnotherLanguageGetsItsNoteInItThenInEnglish() {
    Turn t = chat.turn(PATIENT, "Mein Sohn hat hohes Fieber und einen steifen Nacken, seit "
        + "gestern Abend.");
    assertEquals("urgent", t.triage(), () -> FakeChat.text(t.replies()));
    List<Part> parts = t.replies().get(0).parts();
    assertEquals(Part.Style.ALERT, parts.get(0).style());
    assertTrue(parts.get(0).text().contains("heute"), parts.get(0).text());
    assertTrue(parts.get(0).text().contains(EMERGENCY_NUMBER), parts.get(0).text());
    assertEquals(Part.Style.ALERT, parts.get(1).style());
    assertTrue(parts.get(1).text().contains("today"), parts.get(1).text());
    assertTrue(FakeChat.text(t.replies()).contains("nur auf Englisch"),
        FakeChat.text(t.replies()));
  }

  @Test
  void urgentItalianMessageGetsItsNoteInItalianThenInEnglish() {
    Turn t = chat.turn(PATIENT, "mio figlio ha la febbre a 39 e il collo rigido da ieri sera");
    assertEquals("urgent", t.triage(), () -> FakeChat.text(t.replies()));
    List<Part> parts = t.replies().get(0).parts();
    assertTrue(parts.get(0).text().contains("collo rigido"), parts.get(0).text());
    assertTrue(parts.get(0).text().contains(EMERGENCY_NUMBER), parts.get(0).text());
    assertTrue(parts.get(1).text().contains("stiff neck"), parts.get(1).text());
  }

  @Test
  void selfHarmInItalianGetsTheCrisisLineAndItalianSupport() {
    Turn t = chat.turn(PATIENT, "non ce la faccio piu, voglio farla finita");
    assertEquals("self_harm", t.triage(), () -> FakeChat.text(t.replies()));
    String text = FakeChat.text(t.replies());
    assertTrue(text.contains("988"), text);
    assertTrue(text.indexOf("Se si è già fatto del male") < text.indexOf("If you have already"),
        text);
  }

  @Test
  void englishUrgentMessageGetsOneNote() {
    Turn t = chat.turn(PATIENT, "my son has had a high fever for three days and a stiff neck");
    assertEquals("urgent", t.triage(), () -> FakeChat.text(t.replies()));
    List<Part> parts = t.replies().get(0).parts();
    assertEquals(Part.Style.ALERT, parts.get(0).style());
    assertFalse(parts.size() > 1 && parts.get(1).style() == Part.Style.ALERT,
        () -> FakeChat.text(t.replies()));
  }

  private static int indexOfLineWith(List<String> lines, String fragment) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        return i;
      }
    }
    return -1;
  }
}

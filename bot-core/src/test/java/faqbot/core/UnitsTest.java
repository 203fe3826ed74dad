package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pure parts: payloads, CSV, rate limiter, pseudonymizer, text cleaning, config. */
class UnitsTest {

  @Test
  void payloadsRoundTripAndRejectForgeries() {
    assertEquals(new Payloads.Payload('f', "42"), Payloads.parse(Payloads.of('f', 42)).orElseThrow());
    String token = Payloads.newToken();
    assertEquals(token, Payloads.parse("c:" + token).orElseThrow().argument());
    for (String bad : new String[] {null, "", "f", "f:", "f:-1", "f:1a", "z:1", "c:1", "c:ab",
        "c:UPPERCASE123", "f:1234567890123456789012", "ff:1", "f;1"}) {
      assertTrue(Payloads.parse(bad).isEmpty(), String.valueOf(bad));
    }
    assertTrue(("h:" + Long.MAX_VALUE).length() <= Button.MAX_PAYLOAD_BYTES);
    assertNotEquals(Payloads.newToken(), Payloads.newToken());
  }

  @Test
  void csvQuotesAndDefusesFormulas() throws Exception {
    assertEquals("plain", Csv.cell("plain"));
    assertEquals("\"a,b\"", Csv.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
    assertEquals("\"line1\nline2\"", Csv.cell("line1\nline2"));
    assertEquals("'=HYPERLINK(1)", Csv.cell("=HYPERLINK(1)"));
    assertEquals("'@cmd", Csv.cell("@cmd"));
    assertEquals("-1", Csv.cell(-1));
    assertEquals("", Csv.cell(null));
    StringWriter w = new StringWriter();
    Csv.row(w, 1, "x,y", null);
    assertEquals("1,\"x,y\",\r\n", w.toString());
  }

  @Test
  void statsCsvHasOneRowPerFigure() throws Exception {
    Admin.Stats s = new Admin.Stats(Instant.EPOCH, Instant.EPOCH.plusSeconds(86400),
        Map.of(LocalDate.of(1970, 1, 1), 3), 3, 2, 1, 0, 1, 2 / 3.0,
        List.of(new Admin.Count("Knee, pain", 5L, 2)), List.of(new Admin.Count("vitamins?", null, 1)),
        List.of(new Admin.EntryFeedback(5, "Knee", 1, 1)), 12);
    StringWriter w = new StringWriter();
    Csv.writeStats(s, w);
    String csv = w.toString();
    assertTrue(csv.startsWith("section,key,value,detail\r\n"));
    assertTrue(csv.contains("totals,answer_rate,0.6667,\r\n"), csv);
    assertTrue(csv.contains("totals,urgent,1,\r\n"), csv);
    assertTrue(csv.contains("questions_per_day,1970-01-01,3,\r\n"), csv);
    assertTrue(csv.contains("top_questions,5,2,\"Knee, pain\"\r\n"), csv);
    assertTrue(csv.contains("feedback,5,0.5000,1 helpful / 1 not helpful: Knee\r\n"), csv);
  }

  @Test
  void pseudonymizerIsKeyedAndStable() {
    Pseudonymizer a = new Pseudonymizer("key one, sixteen bytes".getBytes(StandardCharsets.UTF_8));
    Pseudonymizer b = new Pseudonymizer("key two, sixteen bytes".getBytes(StandardCharsets.UTF_8));
    assertEquals(a.key(Platform.TELEGRAM, "1"), a.key(Platform.TELEGRAM, "1"));
    assertNotEquals(a.key(Platform.TELEGRAM, "1"), a.key(Platform.DISCORD, "1"));
    assertNotEquals(a.key(Platform.TELEGRAM, "1"), b.key(Platform.TELEGRAM, "1"));
    assertTrue(a.key(Platform.TELEGRAM, "1").matches("[0-9a-f]{32}"));
  }

  @Test
  void sanitizeRemovesControlAndBidiCharacters() {
    assertEquals("ab\ncd e", Texts.sanitize("\u0000a\u202Eb\r\ncd\te\u0007 "));
    assertEquals("what is a stroke", Texts.normalizeQuestion("  What is a STROKE?!  "));
    assertEquals("Knee pain after\u2026", Texts.ellipsize("Knee pain after running", 18));
  }

  @Test
  void configParsesAdminsAndValidates() {
    CoreConfig c = CoreConfig.defaults().withInitialAdmins("Telegram:123, discord:456");
    assertEquals(Set.of("telegram:123", "discord:456"), c.initialAdmins());
    assertEquals("911", c.emergencyNumber());
    assertTrue(c.crisisLine().contains("988"));
    assertEquals(90, c.retentionDays());
    assertThrows(IllegalArgumentException.class, () -> CoreConfig.defaults().withInitialAdmins("nope"));
    assertThrows(IllegalArgumentException.class, () -> CoreConfig.defaults().withInitialAdmins("icq:1"));
    assertThrows(IllegalArgumentException.class, () -> CoreConfig.defaults().withConfidenceThreshold(1.5));
    assertThrows(IllegalArgumentException.class, () -> CoreConfig.defaults().withPseudonymizationKey("short"));
    assertFalse(CoreConfig.defaults().withConfidenceThreshold(0.1).suggestionThreshold() > 0.1);
    assertEquals("112", CoreConfig.defaults().withEmergencyNumber(" 112 ").emergencyNumber());
  }
}

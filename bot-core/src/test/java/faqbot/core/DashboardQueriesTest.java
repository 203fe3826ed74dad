package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The core's side of the dashboard: sign-in links, the overview and entry usage queries. */
class DashboardQueriesTest extends CoreTestCase {
  static final String MOD = "901";

  private String token(String userId) {
    String text = chat.say(userId, "/dashboard").get(0).plainText();
    Matcher m = Pattern.compile("/signin/([A-Za-z0-9_-]+)").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }

  @Test
  void dashboardIsOffUntilAUrlIsSetAndForStaffOnly() {
    assertTrue(chat.say(ADMIN, "/dashboard").get(0).plainText().contains("dashboard is off"));
    core.setDashboardUrl("https://bot.example.org/admin/");
    assertTrue(chat.say(ADMIN, "/dashboard").get(0).plainText()
        .contains("https://bot.example.org/admin/signin/"));
    assertFalse(chat.say("123", "/dashboard").get(0).plainText().contains("/signin/"));
  }

  @Test
  void aLinkWorksOnceWithinTenMinutesAndOnlyItsHashIsStored() throws Exception {
    core.setDashboardUrl("http://127.0.0.1:1");
    chat.say(ADMIN, "/grant telegram:" + MOD + " moderator");
    String token = token(MOD);
    assertEquals(Optional.of("telegram:" + MOD), core.dashboardLinks().redeem(token));
    assertEquals(Optional.empty(), core.dashboardLinks().redeem(token));
    assertEquals(Role.MODERATOR, core.dashboardLinks().roleOf("telegram:" + MOD));
    assertEquals(Role.ADMIN, core.dashboardLinks().roleOf("telegram:" + ADMIN));

    String late = token(MOD);
    clock.advance(DashboardLinks.VALID);
    assertEquals(Optional.empty(), core.dashboardLinks().redeem(late));
    assertEquals(Optional.empty(), core.dashboardLinks().redeem("not-a-token"));

    try (var c = kb.database().openReader();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT token_hash FROM core_dashboard_links")) {
      while (r.next()) {
        assertFalse(r.getString(1).equals(token) || r.getString(1).equals(late));
        assertEquals(64, r.getString(1).length());
      }
    }
    chat.say(ADMIN, "/revoke telegram:" + MOD);
    assertEquals(Role.PATIENT, core.dashboardLinks().roleOf("telegram:" + MOD));
  }

  @Test
  void theOverviewAgreesWithTheStatistics() {
    Instant from = clock.instant();
    chat.say("1", "What causes numbness after kyphoplasty with cement leakage?");
    clock.advance(Duration.ofDays(1));
    chat.say("2", "knee hurts on the outside after long runs");
    chat.say("3", "Can a parrot learn to whistle the national anthem backwards?");
    chat.say("4", "my father has crushing chest pain and can't breathe right now");
    chat.say("5", "/help");
    Instant to = clock.instant().plusMillis(1);
    Admin.Overview o = core.admin().overview(from, to, Duration.ofDays(1));
    Admin.Stats s = core.admin().stats(from, to);
    assertEquals(s.questions(), o.questions());
    assertEquals(s.answered(), o.answered());
    assertEquals(s.noMatch(), o.noMatch());
    assertEquals(1, o.emergencies());
    assertEquals(s.medianLatencyMs(), o.medianLatencyMs());
    assertTrue(o.p95LatencyMs() >= o.medianLatencyMs());
    assertEquals(5, o.messages(), "the /help command counts as a message");
    assertEquals(java.util.Map.of("telegram", 5), o.platforms());
    assertEquals(1, o.emergenciesByKind().values().stream().mapToInt(Integer::intValue).sum());
    long charted = o.perBucket().values().stream()
        .mapToLong(v -> java.util.Arrays.stream(v).sum()).sum();
    assertEquals(4, charted, "commands are in no series");
    assertEquals(2, o.perBucket().get("answered").length);
    assertEquals(1, o.perBucket().get("emergency")[1]);
  }

  @Test
  void emergencyKindsStripTheLanguagePrefix() {
    assertEquals("breathing", Statistics.emergencyFamily("breathing.choking"));
    assertEquals("breathing", Statistics.emergencyFamily("es.breathing.no-respira"));
    assertEquals("self", Statistics.emergencyFamily("self.kill"));
    assertEquals("unknown", Statistics.emergencyFamily(null));
  }

  @Test
  void entryUsageListsTheMostNotHelpfulFirst() {
    Turn a = chat.turn("1", "knee hurts on the outside after long runs");
    Turn b = chat.turn("2", "What causes numbness after kyphoplasty with cement leakage?");
    assertEquals(Outcome.ANSWERED, a.outcome());
    assertEquals(Outcome.ANSWERED, b.outcome());
    List<Button> buttons = core.handle(IncomingMessage.text(Platform.TELEGRAM, "chat-2",
        ChatType.PRIVATE, "2", null, "What causes numbness after kyphoplasty with cement leakage?"))
        .get(0).buttons();
    chat.press("2", buttons.get(buttons.size() - 1).payload()); // not helpful
    List<Admin.EntryUsage> usage = core.admin().entryUsage(Instant.EPOCH, null, 10);
    assertEquals(b.entryId(), usage.get(0).entryId());
    assertEquals(2, usage.get(0).shown());
    assertEquals(1, usage.get(0).notHelpful());
    assertEquals(List.of(a.entryId()), core.admin().entryUsage(Instant.EPOCH,
        List.of(a.entryId()), 10).stream().map(Admin.EntryUsage::entryId).toList());
  }
}

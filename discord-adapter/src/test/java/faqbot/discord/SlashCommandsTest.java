package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {
  @Test
  void slashCommandsBecomeTheCoresTextCommands() {
    assertEquals(Optional.of("/ask is cement leakage common?"),
        SlashCommands.toCoreText("ask", null, Map.of("question", " is cement leakage common? ")));
    assertEquals(Optional.of("/edit 12 answer a better answer"),
        SlashCommands.toCoreText("faq", "edit", Map.of("id", "12", "field", "answer", "text", "a better answer")));
    assertEquals(Optional.of("/answer 7 Rest for two weeks."),
        SlashCommands.toCoreText("faq", "answer", Map.of("queue_id", "7", "text", "Rest for two weeks.")));
    assertEquals(Optional.of("/queue"), SlashCommands.toCoreText("faq", "queue", Map.of()));
    assertEquals(Optional.of("/remove 3"), SlashCommands.toCoreText("faq", "remove", Map.of("id", "3")));
    assertEquals(Optional.of("/link 7 12"),
        SlashCommands.toCoreText("faq", "link", Map.of("queue_id", "7", "id", "12")));
    assertEquals(Optional.of("/alt 12"), SlashCommands.toCoreText("faq", "alt", Map.of("id", "12")));
    assertEquals(Optional.of("/alt 12 remove 2"),
        SlashCommands.toCoreText("faq", "alt", Map.of("id", "12", "action", "remove", "text", "2")));
    assertEquals(Optional.of("/dashboard"), SlashCommands.toCoreText("faq", "dashboard", Map.of()));
    assertTrue(SlashCommands.isPrivate("faq"), "the sign-in link is seen by the moderator alone");
    assertEquals(Optional.of("/grant discord:555 moderator"),
        SlashCommands.toCoreText("role", "grant", Map.of("user", "555", "role", "moderator")));
    assertEquals(Optional.of("/revoke discord:555"),
        SlashCommands.toCoreText("role", "revoke", Map.of("user", "555")));
    assertEquals(Optional.of("/logs no_match 7"),
        SlashCommands.toCoreText("logs", null, Map.of("outcome", "no_match", "days", "7")));
    assertEquals(Optional.of("/logs"), SlashCommands.toCoreText("logs", null, Map.of()));
    assertEquals(Optional.of("/export 30"), SlashCommands.toCoreText("export", null, Map.of("days", "30")));
    assertEquals(Optional.of("/forget"), SlashCommands.toCoreText("forget", null, Map.of()));
    assertTrue(SlashCommands.toCoreText("obsolete", null, Map.of()).isEmpty());
    assertTrue(SlashCommands.toCoreText("faq", "frobnicate", Map.of()).isEmpty());
  }

  @Test
  void staffAndPersonalOutputIsPrivate() {
    for (String name : new String[] {"faq", "logs", "stats", "export", "audit", "role", "forget"}) {
      assertTrue(SlashCommands.isPrivate(name), name);
    }
    assertFalse(SlashCommands.isPrivate("ask"));
    assertTrue(SlashCommands.opensForm("faq", "add"));
    assertFalse(SlashCommands.opensForm("faq", "edit"));
  }

  @Test
  void theFormUsesTheCoresFieldNames() {
    String json = SlashCommands.addForm().toData().toString();
    for (String field : SlashCommands.FORM_FIELDS) {
      assertTrue(json.contains("\"custom_id\":\"" + field + "\""), json);
    }
    assertEquals(9, SlashCommands.definitions().size());
  }
}

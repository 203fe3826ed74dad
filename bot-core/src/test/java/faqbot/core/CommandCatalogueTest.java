package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue: typed text and typed values go through the same checks. */
class CommandCatalogueTest extends CoreTestCase {
  private static final CommandCatalogue CATALOGUE = CommandCatalogue.STANDARD;

  private static Command command(String name) {
    return CATALOGUE.find(name).orElseThrow();
  }

  private static Arguments text(String name, String rest) throws Arguments.Refused {
    return Arguments.parse(command(name), rest, Platform.TELEGRAM);
  }

  private static Arguments typed(String name, Map<String, Object> values) throws Arguments.Refused {
    return Arguments.bind(command(name), values, Platform.DISCORD);
  }

  @Test
  void typedTextAndTypedValuesMeanTheSame() throws Exception {
    Arguments fromText = text("edit", "#12 More-Info See a doctor | soon");
    Arguments fromValues = typed("edit", Map.of("id", 12L, "field", "more_info", "text",
        "See a doctor | soon"));
    for (Arguments a : List.of(fromText, fromValues)) {
      assertEquals(12L, a.number("id"));
      assertEquals("more_info", a.text("field"));
      assertEquals("See a doctor | soon", a.text("text"));
    }
    assertEquals("answer", text("edit", "12 reply x").text("field"), "an alias");
    // the same limits refuse both ways
    assertThrows(Arguments.Refused.class, () -> text("stats", "0"));
    assertThrows(Arguments.Refused.class, () -> typed("stats", Map.of("days", 0L)));
    assertThrows(Arguments.Refused.class, () -> text("edit", "12 colour red"));
    assertThrows(Arguments.Refused.class, () -> typed("edit", Map.of("id", 12L, "field",
        "colour", "text", "red")));
    assertThrows(Arguments.Refused.class, () -> typed("edit", Map.of("id", 12L)), "missing");
    assertThrows(Arguments.Refused.class, () -> typed("remove", Map.of("id", 1L, "bogus", 2L)));
  }

  @Test
  void textReadsTitlesOptionalWordsAndUsers() throws Exception {
    Arguments titled = text("answer", "Q7 Coffee and calcium | A cup is fine.");
    assertEquals(7L, titled.number("queue_id"));
    assertEquals("Coffee and calcium", titled.text("title"));
    assertEquals("A cup is fine.", titled.text("text"));
    assertFalse(text("answer", "7 A cup is fine.").has("title"));
    Arguments logs = text("logs", "#12 30");
    assertEquals(12L, logs.number("entry"));
    assertEquals(30L, logs.number("days"));
    assertEquals("no_match", text("logs", "no-match").text("outcome"));
    assertThrows(Arguments.Refused.class, () -> text("logs", "whatever"));
    assertEquals("page one\npage two", text("paste", "page one\npage two").text("page"),
        "a text keeps its lines");
    assertEquals("telegram:55", text("grant", "Telegram:55 mod").text("user"));
    assertEquals("moderator", text("grant", "telegram:55 mod").text("role"));
    // a platform's user picker passes its own numeric id
    assertEquals("discord:55", typed("revoke", Map.of("user", 55L)).text("user"));
    assertThrows(Arguments.Refused.class, () -> text("revoke", "bogus"),
        "typed users name their platform");
    assertFalse(text("help", "deep-link-payload").has("anything"), "extra words are ignored");
  }

  @Test
  void usageComesFromTheCatalogue() {
    assertEquals("/answer <queue_id> [<title> |] <text>", command("answer").synopsis());
    assertEquals("/grant <user> <moderator|admin>", command("grant").synopsis());
    assertEquals(command("help"), CATALOGUE.find("start").orElseThrow(), "an alias");
    assertThrows(IllegalArgumentException.class, () -> new CommandCatalogue(List.of(
        new Command("ask", "x", Role.PATIENT), new Command("ask", "y", Role.PATIENT))));
  }

  @Test
  void aCommandCallIsHandledLikeItsText() {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    IncomingMessage call = IncomingMessage.command(Platform.TELEGRAM, "chat-500", ChatType.PRIVATE,
        "500", "Mo", null, new CommandCall("edit", Map.of("id", fx.kneeId, "field", "specialty",
            "text", "Sports Medicine")), false);
    String done = FakeChat.text(core.handle(call));
    assertTrue(done.contains("Updated specialty of #" + fx.kneeId), done);
    assertEquals("Sports Medicine", kb.get(fx.kneeId).orElseThrow().specialty());
    String usage = FakeChat.text(core.handle(IncomingMessage.command(Platform.TELEGRAM, "chat-500",
        ChatType.PRIVATE, "500", "Mo", null, new CommandCall("edit", Map.of("id", fx.kneeId)),
        false)));
    assertTrue(usage.startsWith("Usage: /edit"), usage);
    // an /ask call is triaged like typed text
    Turn emergency = core.process(IncomingMessage.command(Platform.DISCORD, "c", ChatType.GROUP,
        "77", null, null, new CommandCall("ask", Map.of("question",
            "my husband collapsed and is not breathing")), false));
    assertEquals(Outcome.EMERGENCY, emergency.outcome());
  }

  @Test
  void privateCommandsNeedAnExchangeNobodyElseReads() {
    IncomingMessage inGroup = IncomingMessage.command(Platform.DISCORD, "channel", ChatType.GROUP,
        "77", null, null, new CommandCall("forget", Map.of()), false);
    assertEquals(Outcome.REFUSED, core.process(inGroup).outcome());
    IncomingMessage ephemeral = IncomingMessage.command(Platform.DISCORD, "channel",
        ChatType.GROUP, "77", null, null, new CommandCall("forget", Map.of()), true);
    Turn t = core.process(ephemeral);
    assertEquals(Outcome.COMMAND, t.outcome());
    assertTrue(t.replies().get(0).plainText().contains("Delete?"));
  }
}

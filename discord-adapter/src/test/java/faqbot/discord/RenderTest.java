package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Attachment;
import faqbot.core.Part;
import faqbot.core.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

class RenderTest {
  private static final String DISCLAIMER = "General information only, not a diagnosis.";

  private static String sentences(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(String.format("Sentence %04d says something about bone health and recovery. ", i));
    }
    return sb.toString().strip();
  }

  @Test
  void aLongReplyIsSplitIntoEmbedsWithinEveryLimit() {
    String body = sentences(400); // about 24,000 characters
    Reply reply = Reply.builder()
        .add(Part.heading("Recovery after spine surgery"))
        .add(Part.paragraph(body))
        .add(Part.attribution("Dr. Lin Wei, Orthopedics, replied 2020-05-31"))
        .add(Part.disclaimer(DISCLAIMER))
        .button("Helpful", "h:1")
        .build();
    List<MessageCreateData> messages = Render.messages(reply);
    assertTrue(messages.size() >= 6, "24,000 characters need at least 6 descriptions: " + messages.size());
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      MessageCreateData m = messages.get(i);
      assertEquals(1, m.getEmbeds().size());
      MessageEmbed e = m.getEmbeds().get(0);
      assertTrue(e.getDescription().length() <= Render.DESCRIPTION_MAX);
      assertTrue(e.getLength() <= Render.EMBED_TOTAL_MAX, "embed total " + e.getLength());
      assertTrue(m.getContent().length() <= Render.CONTENT_MAX);
      assertEquals(DISCLAIMER, e.getFooter().getText(), "disclaimer on every part");
      assertEquals(i == 0 ? "Recovery after spine surgery" : "Recovery after spine surgery (continued)", e.getTitle());
      boolean last = i == messages.size() - 1;
      assertEquals(last ? 1 : 0, e.getFields().size(), "attribution once, on the last part");
      assertEquals(last ? 1 : 0, m.getComponents().size(), "buttons under the last part");
      assertTrue(m.getAllowedMentions().isEmpty(), "no mention type allowed");
      joined.append(e.getDescription()).append(' ');
    }
    for (int i = 1; i <= 400; i++) {
      String marker = String.format("Sentence %04d says", i);
      assertEquals(1, count(joined.toString(), marker), marker + " appears exactly once");
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void userTextCannotPingOrFormat() {
    Reply reply = Reply.builder()
        .add(Part.paragraph("hi @everyone and @here, <@123> <@&456> **bold** [link](http://x.example) # heading"))
        .build();
    String d = Render.messages(reply).get(0).getEmbeds().get(0).getDescription();
    assertFalse(d.contains("@everyone"), d);
    assertFalse(d.contains("@here"), d);
    assertFalse(d.matches("(?s).*(?<!\\\\)<@.*"), "every <@ is escaped: " + d);
    assertTrue(d.contains("\\*\\*bold\\*\\*"), d);
    assertTrue(d.contains("\\[link\\]\\(http://x.example\\)"), d);
    assertTrue(Render.escape("# title").startsWith("\\#"), "line-start heading escaped");
    assertTrue(Render.escape("1. first").startsWith("1\\."), "numbered list escaped");
    assertEquals("2021-04-02", Render.escape("2021-04-02"), "dashes inside a line stay readable");
    // what JDA's MarkdownSanitizer would leave as markup
    assertEquals("\\- item", Render.escape("- item"), "line-start list escaped");
    assertEquals("a\\\\\\*b", Render.escape("a\\*b"), "a backslash of the text stays a backslash");
  }

  @Test
  void splittingNeverSeparatesAnEscapeFromItsCharacter() {
    List<MessageCreateData> messages = Render.messages(Reply.builder()
        .add(Part.paragraph("*".repeat(5000))).build());
    assertTrue(messages.size() >= 3, "10,000 escaped characters need three descriptions");
    int stars = 0;
    for (MessageCreateData m : messages) {
      String piece = m.getEmbeds().get(0).getDescription();
      assertTrue(piece.length() <= Render.DESCRIPTION_MAX);
      int trailing = 0;
      while (trailing < piece.length() && piece.charAt(piece.length() - 1 - trailing) == '\\') {
        trailing++;
      }
      assertEquals(0, trailing % 2, "piece ends inside an escape: ..." + piece.substring(piece.length() - 5));
      stars += piece.replace("\\*", "").isEmpty() ? piece.length() / 2 : -1;
    }
    assertEquals(5000, stars, "every character, each with its escape");
  }

  @Test
  void anAlertIsRedAndComesFirst() {
    Reply reply = Reply.builder().add(Part.alert("Call 911 now.")).add(Part.paragraph("Do not wait."))
        .add(Part.disclaimer(DISCLAIMER)).build();
    MessageEmbed e = Render.messages(reply).get(0).getEmbeds().get(0);
    assertEquals(Render.COLOR_ALERT, e.getColorRaw());
    assertTrue(e.getDescription().startsWith("\uD83D\uDEA8 **Call 911 now.**"), e.getDescription());
  }

  @Test
  void buttonsFitDiscordsRowsWithPrefixedIds() {
    Reply.Builder b = Reply.builder().add(Part.paragraph("Pick one"));
    b.button("Read the full answer", "f:1");
    for (int i = 0; i < 3; i++) {
      b.button("A rather long similar question number " + i + " " + "x".repeat(90), "q:" + (i + 2));
    }
    b.button("Helpful", "h:9").button("Not helpful", "n:9");
    List<ActionRow> rows = Render.messages(b.build()).get(0).getComponents().stream()
        .map(c -> (ActionRow) c).toList();
    assertTrue(rows.size() <= Render.MAX_ROWS);
    int total = 0;
    for (ActionRow row : rows) {
      assertTrue(row.getComponents().size() <= 5, "Discord's limit per row");
      for (var c : row.getComponents()) {
        Button button = (Button) c;
        assertTrue(button.getCustomId().startsWith(Render.BUTTON_PREFIX));
        assertTrue(button.getLabel().length() <= 80, "Discord's label limit");
        total++;
      }
    }
    assertEquals(6, total, "all six buttons shown");
    Button last = (Button) rows.get(rows.size() - 1).getComponents().get(0);
    assertEquals("fq:h:9", last.getCustomId(), "short feedback buttons share the last row");
  }

  @Test
  void onlyOurWellFormedIdsYieldAPayload() {
    assertEquals("f:12", Render.payloadOf("fq:f:12"));
    assertNull(Render.payloadOf("f:12"));
    assertNull(Render.payloadOf("fq:"));
    assertNull(Render.payloadOf("fq:" + "a".repeat(41)));
    assertNull(Render.payloadOf("fq:f:1\u00e9"));
    assertNull(Render.payloadOf("fq:f 1"));
    assertNull(Render.payloadOf(null));
  }

  @Test
  void anAttachmentRidesOnTheFirstMessage() {
    Reply reply = Reply.builder().add(Part.paragraph("Your export"))
        .attachment(new Attachment("logs.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
        .privateToAsker(true).build();
    List<MessageCreateData> messages = Render.messages(reply);
    assertEquals(1, messages.size());
    assertEquals("logs.csv", messages.get(0).getFiles().get(0).getName());
  }

  @Test
  void aTurnDisclaimerFillsFootersOfRepliesWithout() {
    Reply first = Reply.builder().add(Part.paragraph("Part one")).build();
    Reply last = Reply.builder().add(Part.paragraph("Part two")).add(Part.disclaimer(DISCLAIMER)).build();
    String d = Render.disclaimerOf(List.of(first, last));
    assertEquals(DISCLAIMER, Render.messages(first, d).get(0).getEmbeds().get(0).getFooter().getText());
    assertNull(Render.messages(first).get(0).getEmbeds().get(0).getFooter(), "no invented disclaimer");
    assertTrue(Render.messages(Reply.builder().build()).isEmpty());
  }
}

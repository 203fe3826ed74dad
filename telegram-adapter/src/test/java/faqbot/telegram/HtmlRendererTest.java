package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Part;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
  private final HtmlRenderer renderer = new HtmlRenderer(HtmlRenderer.TELEGRAM_LIMIT);

  @Test
  void everyStringIsEscapedAndStylesMapToTags() {
    List<String> out = renderer.render(List.of(
        Part.alert("Call 911 <now> & \"stay calm\""),
        Part.heading("<a href=\"x\">link</a>"),
        Part.paragraph("a < b && c > d"),
        Part.bullet("one"),
        Part.bullet("two <i>"),
        Part.emphasis("</i><b>"),
        Part.disclaimer("Not a diagnosis.")));
    assertEquals(1, out.size());
    String html = out.get(0);
    assertEquals("\uD83D\uDEA8 <b>Call 911 &lt;now&gt; &amp; &quot;stay calm&quot;</b>\n\n"
        + "<b>&lt;a href=&quot;x&quot;&gt;link&lt;/a&gt;</b>\n\n"
        + "a &lt; b &amp;&amp; c &gt; d\n\n"
        + "\u2022 one\n\u2022 two &lt;i&gt;\n\n"
        + "<i>&lt;/i&gt;&lt;b&gt;</i>\n\n"
        + "<i>\u2139\uFE0F Not a diagnosis.</i>", html);
    assertBalanced(html);
  }

  @Test
  void emptyPartsAreSkippedAndNoTextGivesNoMessage() {
    assertTrue(renderer.render(List.of(Part.paragraph("  "), Part.heading(""))).isEmpty());
  }

  @Test
  void longTextSplitsAtSentencesUnderTheLimitAndKeepsEverything() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 10_000; i++) {
      sb.append("Sentence ").append(i).append(" says <this> & that. ");
    }
    String text = sb.toString().strip();
    List<String> out = renderer.render(List.of(Part.heading("Title"), Part.paragraph(text),
        Part.disclaimer("Not a diagnosis.")));
    assertTrue(out.size() >= 3, "got " + out.size());
    StringBuilder joined = new StringBuilder();
    for (String m : out) {
      assertTrue(m.length() <= 4096, "message of " + m.length());
      assertBalanced(m);
      joined.append(m).append(' ');
    }
    assertTrue(out.get(0).startsWith("<b>Title</b>\n\nSentence 0"), "heading keeps its text");
    for (int i = 0; i < out.size() - 1; i++) {
      assertTrue(out.get(i).endsWith("."), "cut mid-sentence: " + tail(out.get(i)));
    }
    String flat = joined.toString().replaceAll("\\s+", " ");
    assertTrue(flat.contains(HtmlRenderer.escape(text).replaceAll("\\s+", " ").substring(0, 3000)));
    assertTrue(flat.contains(HtmlRenderer.escape(text.substring(text.length() - 2000))));
  }

  @Test
  void paragraphBreaksArePreferredOverSentences() {
    String para = "Word ".repeat(150).strip() + ".";
    String text = String.join("\n\n", para, para, para, para, para, para);
    HtmlRenderer small = new HtmlRenderer(2000);
    List<String> out = small.render(List.of(Part.paragraph(text)));
    for (String m : out) {
      assertTrue(m.length() <= 2000);
      assertTrue(m.endsWith("Word."), tail(m));
      assertTrue(m.startsWith("Word"), m.substring(0, 10));
    }
  }

  @Test
  void giantWordIsHardCutWithoutBreakingSurrogatesOrEscapes() {
    String word = "\uD83D\uDE00&".repeat(3000); // emoji (2 chars) + ampersand (5 escaped)
    HtmlRenderer small = new HtmlRenderer(1000);
    List<String> out = small.render(List.of(Part.paragraph(word)));
    int emojis = 0;
    for (String m : out) {
      assertTrue(m.length() <= 1000);
      assertFalse(Character.isLowSurrogate(m.charAt(0)), "split inside a surrogate pair");
      assertFalse(Character.isHighSurrogate(m.charAt(m.length() - 1)));
      assertFalse(m.matches("(?s).*&[a-z]{0,3}$"), "split inside an entity");
      emojis += m.split("\uD83D\uDE00", -1).length - 1;
    }
    assertEquals(3000, emojis, "nothing lost");
  }

  private static String tail(String s) {
    return "..." + s.substring(Math.max(0, s.length() - 40));
  }

  /** Every opened tag is closed in the same message, in order. */
  static void assertBalanced(String html) {
    Matcher m = Pattern.compile("<(/?)([a-z]+)[^>]*>").matcher(html);
    java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
    while (m.find()) {
      if (m.group(1).isEmpty()) {
        open.push(m.group(2));
      } else {
        assertEquals(open.pop(), m.group(2), html);
      }
    }
    assertTrue(open.isEmpty(), "unclosed tags in " + html);
  }
}

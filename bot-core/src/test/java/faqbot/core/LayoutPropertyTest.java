package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Layout} and {@link TextSplit} on arbitrary text and buttons: every piece within the
 * limits, nothing lost, no cut inside a surrogate pair or where the caller forbids one. Each case
 * is drawn from its own seed, which a failure names, so any failure can be replayed.
 */
class LayoutPropertyTest {
  /** Words, spaces, breaks, sentence ends, escapes, emoji and runs long enough to need a hard cut. */
  private static final List<String> TOKENS = List.of("word", "a", " ", " ", "\n", "\n\n", ". ",
      "?\" ", "\u3002", "\uD83D\uDE00", "!", "&", "<b>", "*", "\\*", "\u00E9", "x!", "Kyphoplasty",
      "y".repeat(150), "\uD83D\uDC4D".repeat(40), "\uD83D\uDE00!".repeat(30));

  /** Markup in the manner of the adapters': a wrapper per style, escapes that lengthen. */
  private static final PlatformLimits.Measure MARKUP = part -> {
    int length = part.style() == Part.Style.PARAGRAPH ? 2 : 12;
    for (int i = 0; i < part.text().length(); i++) {
      char c = part.text().charAt(i);
      length += c == '&' ? 5 : c == '<' || c == '*' ? 4 : 1;
    }
    return length;
  };

  private static final int CASES = 400;

  static LongStream seeds() {
    return LongStream.range(0, CASES).map(i -> 0x9E3779B97F4A7C15L * (i + 1));
  }

  private static int between(Random r, int min, int max) {
    return min + r.nextInt(max - min + 1);
  }

  static String text(Random r) {
    StringBuilder b = new StringBuilder();
    for (int n = r.nextInt(121); n > 0; n--) {
      b.append(TOKENS.get(r.nextInt(TOKENS.size())));
    }
    return b.toString();
  }

  static List<Part> parts(Random r) {
    List<Part> parts = new ArrayList<>();
    Part.Style[] styles = Part.Style.values();
    for (int n = r.nextInt(9); n > 0; n--) {
      parts.add(new Part(styles[r.nextInt(styles.length)], text(r)));
    }
    return parts;
  }

  static List<Button> buttons(Random r) {
    List<String> common = List.of("Yes", "No", "Helpful", "Read the full answer");
    String letters = "abcdefghijklmnopqrstuvwxyz \u00E9";
    List<Button> buttons = new ArrayList<>();
    for (int n = r.nextInt(13); n > 0; n--) {
      String label;
      if (r.nextBoolean()) {
        label = common.get(r.nextInt(common.size()));
      } else {
        StringBuilder l = new StringBuilder();
        for (int k = r.nextInt(91); k > 0; k--) {
          l.append(letters.charAt(r.nextInt(letters.length())));
        }
        label = l.toString();
      }
      buttons.add(new Button(label, "p:" + buttons.size()));
    }
    return buttons;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyMessageAndRowFitsAndNothingIsLost(long seed) {
    Random r = new Random(seed);
    List<Part> parts = parts(r);
    List<Button> buttons = buttons(r);
    int maxChars = between(r, 64, 700);
    int maxLabel = between(r, 2, 80);
    int perRow = between(r, 1, 8);
    int maxRows = between(r, 1, 6);
    boolean markup = r.nextBoolean();
    PlatformLimits limits = new PlatformLimits(maxChars, maxLabel, perRow, maxRows,
        markup ? MARKUP : PlatformLimits.PLAIN);
    List<Layout.Message> messages = Layout.of(parts, buttons, limits);

    List<Part> pieces = new ArrayList<>();
    for (Layout.Message m : messages) {
      assertTrue(m.parts().stream().mapToInt(limits.measure()::length).sum() <= maxChars, m.toString());
      for (Part piece : m.parts()) {
        assertFalse(piece.text().isEmpty());
        assertFalse(Character.isLowSurrogate(piece.text().charAt(0)), "cut inside a surrogate pair");
        assertFalse(Character.isHighSurrogate(piece.text().charAt(piece.text().length() - 1)),
            "cut inside a surrogate pair");
        pieces.add(piece);
      }
    }
    // the pieces, in order and in their part's style, spell each part's text: only the
    // whitespace at a cut is gone
    int next = 0;
    for (Part part : parts) {
      String rest = part.text().strip();
      while (!rest.isEmpty()) {
        Part piece = pieces.get(next++);
        assertEquals(part.style(), piece.style());
        assertTrue(rest.startsWith(piece.text()), "'" + piece.text() + "' does not start '" + rest + "'");
        rest = rest.substring(piece.text().length()).strip();
      }
    }
    assertEquals(pieces.size(), next, "no piece from nowhere");

    boolean anyText = parts.stream().anyMatch(p -> !p.text().isBlank());
    assertEquals(!anyText && buttons.isEmpty(), messages.isEmpty());
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      List<List<Button>> rows = messages.get(i).rows();
      if (i < messages.size() - 1) {
        assertTrue(rows.isEmpty(), "buttons only under the last message");
      }
      assertTrue(rows.size() <= maxRows);
      for (List<Button> row : rows) {
        assertTrue(!row.isEmpty() && row.size() <= perRow, row.toString());
        for (Button b : row) {
          assertTrue(b.label().length() <= maxLabel, b.label());
          shown.add(b.payload());
        }
      }
    }
    List<String> given = buttons.stream().map(Button::payload).toList();
    assertEquals(given.subList(0, shown.size()), shown, "buttons in order, the first ones");
    if (messages.isEmpty() || messages.get(messages.size() - 1).rows().size() < maxRows) {
      assertEquals(given, shown, "every button while there are rows to spare");
    }
  }

  /** Discord's kind of guard: never between a backslash and what it escapes; here also not before '!'. */
  private static boolean guard(String text, int index) {
    return index == 0 || index == text.length()
        || text.charAt(index - 1) != '\\' && text.charAt(index) != '!';
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void textSplitCutsOnlyWhereAllowed(long seed) {
    Random r = new Random(seed);
    String text = text(r);
    int max = between(r, 8, 300);
    String rest = text.strip();
    int at = text.indexOf(rest);
    for (String piece : TextSplit.split(text, max, LayoutPropertyTest::guard)) {
      assertTrue(piece.length() <= max, piece.length() + " > " + max);
      assertTrue(rest.startsWith(piece), "'" + piece + "' does not start '" + rest + "'");
      int cut = at + piece.length();
      assertTrue(guard(text, cut), "cut at " + cut + " of '" + text + "'");
      assertFalse(cut < text.length() && Character.isLowSurrogate(text.charAt(cut)),
          "cut inside a surrogate pair");
      String after = rest.substring(piece.length());
      rest = after.strip();
      at = cut + (after.length() - rest.length());
    }
    assertEquals("", rest, "nothing lost");
  }
}

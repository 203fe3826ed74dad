package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitTest {
  @Test
  void sentencesStayWholeAndNothingIsLost() {
    String text = "A sentence of some length. ".repeat(400).strip();
    List<String> pieces = TextSplit.split(text, 1000);
    assertTrue(pieces.size() >= 11);
    for (String piece : pieces) {
      assertTrue(piece.length() <= 1000);
      assertTrue(piece.endsWith("."), piece);
    }
    assertEquals(text.replace(" ", ""), String.join("", pieces).replace(" ", ""));
  }

  @Test
  void aParagraphBreakBeatsALaterSentenceEnd() {
    String text = "First paragraph, one sentence.\n\nSecond one. It goes on and on and on.";
    assertEquals(List.of("First paragraph, one sentence.", "Second one. It goes on and on and on."),
        TextSplit.split(text, 50));
  }

  @Test
  void aQuotedSentenceEndsAfterItsClosingQuote() {
    String text = "The doctor said \"rest for a week.\" Then come back for another look at it.";
    assertEquals("The doctor said \"rest for a week.\"", TextSplit.split(text, 50).get(0));
  }

  @Test
  void chineseSentencesEndAtTheFullStopWithoutASpace() {
    String text = "\u8fd9\u662f\u7b2c\u4e00\u53e5\u8bdd\u3002\u8fd9\u662f\u7b2c\u4e8c\u53e5\u8bdd\u5f88\u957f";
    assertEquals("\u8fd9\u662f\u7b2c\u4e00\u53e5\u8bdd\u3002", TextSplit.split(text, 10).get(0));
  }

  @Test
  void aWordLongerThanTheRoomIsCutButNeverInsideASurrogatePair() {
    String text = "\uD83D\uDE00".repeat(10);
    for (String piece : TextSplit.split(text, 5)) {
      assertFalse(Character.isLowSurrogate(piece.charAt(0)), piece);
      assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), piece);
    }
    assertEquals(text, String.join("", TextSplit.split(text, 5)));
  }

  @Test
  void theCallerKeepsTwoCharactersTogether() {
    String escaped = "aaaa\\*bbbb";
    // without the rule the cut would separate the backslash from the star it escapes
    assertEquals("aaaa\\", TextSplit.split(escaped, 5).get(0));
    TextSplit.CutGuard notAfterBackslash = (text, i) -> text.charAt(i - 1) != '\\';
    assertEquals("aaaa", TextSplit.split(escaped, 5, notAfterBackslash).get(0));
    // the guard reads the text being cut: every later piece keeps its escapes too
    assertEquals(List.of("aaaa", "\\*bbb", "\\*ccc"),
        TextSplit.split("aaaa\\*bbb\\*ccc", 5, notAfterBackslash));
  }

  @Test
  void clipMarksTheCutAtAWordBoundary() {
    assertEquals("short", TextSplit.clip("short", 10));
    assertEquals("What are the\u2026", TextSplit.clip("What are the treatments for gout?", 16));
    assertTrue(TextSplit.clip("x".repeat(100), 10).length() <= 10);
  }
}

package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ButtonTest {
  @Test
  void aLabelIsOneShortLineWhateverTheCallerGives() {
    Button b = new Button("What are the treatments for\nthis very long condition name that goes on and on?", "q:1");
    assertTrue(b.label().length() <= Button.MAX_LABEL_CHARS, b.label());
    assertTrue(b.label().endsWith("\u2026"), b.label());
    assertEquals(-1, b.label().indexOf('\n'));
    assertEquals("\u2026", new Button("  \n ", "q:2").label());
  }

  @Test
  void shortLabelsShareRowsOfThreeAndALongOneStandsAlone() {
    List<Button> buttons = List.of(new Button("Read the full answer", "f:1"),
        new Button("Yes", "y"), new Button("No", "n"), new Button("Maybe", "m"), new Button("Later", "l"));
    List<List<String>> labels = Layout.rows(buttons, new PlatformLimits(4096, 60, 8, 100, PlatformLimits.PLAIN)).stream()
        .map(row -> row.stream().map(Button::label).toList()).toList();
    assertEquals(List.of(List.of("Read the full answer"), List.of("Yes", "No", "Maybe"), List.of("Later")), labels);
  }
}

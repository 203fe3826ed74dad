package faqbot.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a reply to a platform: its parts into messages that each stay within the platform's
 * length once rendered, cut where {@link TextSplit} cuts, and its buttons into rows. Adapters pass
 * their {@link PlatformLimits} and render what comes out, so both platforms break an answer and
 * arrange its buttons by the same rules.
 */
public final class Layout {
  /** Labels up to this long share a row, so that a long title is never squeezed to a stub. */
  static final int SHARED_ROW_LABEL_CHARS = 16;
  static final int MAX_SHARED_ROW = 3;
  /**
   * A long part fills the rest of a message when at least this much room is left, so a heading
   * is not left alone above an answer that starts in the next message; with less it starts a new one.
   */
  static final int MIN_PIECE = 200;

  private Layout() {}

  /**
   * One message to send: pieces of the reply's parts (a part too long for one message is cut into
   * pieces of its style) and, under the last message only, the button rows.
   */
  public record Message(List<Part> parts, List<List<Button>> rows) {
    public Message {
      parts = List.copyOf(parts);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The messages for these parts and buttons, in order: none when there is neither text nor a
   * button; a message without parts when there are only buttons.
   */
  public static List<Message> of(List<Part> parts, List<Button> buttons, PlatformLimits limits) {
    List<List<Part>> messages = new ArrayList<>();
    List<Part> current = new ArrayList<>();
    int used = 0;
    for (Part part : parts) {
      String rest = part.text().strip();
      while (!rest.isEmpty()) {
        int room = limits.maxMessageChars() - used;
        Part whole = new Part(part.style(), rest);
        int length = limits.measure().length(whole);
        if (length <= room) {
          current.add(whole);
          used += length;
          break;
        }
        if (current.isEmpty() || room >= MIN_PIECE) {
          int fit = longestFit(part.style(), rest, room, limits.measure());
          if (fit == 0 && current.isEmpty()) {
            throw new IllegalArgumentException("a " + part.style() + " part does not fit "
                + limits.maxMessageChars() + " characters even one character long");
          }
          if (fit > 0) {
            int cut = TextSplit.cut(rest, fit);
            String piece = rest.substring(0, cut).strip();
            if (!piece.isEmpty()) {
              current.add(new Part(part.style(), piece));
            }
            rest = rest.substring(cut).strip();
          }
        }
        messages.add(current);
        current = new ArrayList<>();
        used = 0;
      }
    }
    if (!current.isEmpty() || messages.isEmpty() && !buttons.isEmpty()) {
      messages.add(current);
    }
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      out.add(new Message(messages.get(i),
          i == messages.size() - 1 ? rows(buttons, limits) : List.of()));
    }
    return out;
  }

  /** The longest prefix of {@code text} that fits {@code room}, by halving: the measure only grows. */
  private static int longestFit(Part.Style style, String text, int room, PlatformLimits.Measure measure) {
    int low = 0;
    int high = text.length();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (measure.length(new Part(style, text.substring(0, mid))) <= room) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /**
   * The buttons in rows, the same on every platform as far as its limits allow: short labels share
   * a row, up to {@value #MAX_SHARED_ROW}; a long one gets a row of its own; labels are clipped to
   * the platform's length and rows beyond its count are left out.
   */
  public static List<List<Button>> rows(List<Button> buttons, PlatformLimits limits) {
    int perRow = Math.min(MAX_SHARED_ROW, limits.buttonsPerRow());
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (Button button : buttons) {
      Button b = button.label().length() <= limits.maxLabelChars() ? button
          : new Button(TextSplit.clip(button.label(), limits.maxLabelChars()), button.payload());
      boolean shortLabel = b.label().length() <= SHARED_ROW_LABEL_CHARS;
      if (!row.isEmpty() && (!shortLabel || row.size() >= perRow
          || row.get(0).label().length() > SHARED_ROW_LABEL_CHARS)) {
        rows.add(row);
        row = new ArrayList<>();
      }
      row.add(b);
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows.size() <= limits.maxRows() ? rows : rows.subList(0, limits.maxRows());
  }
}

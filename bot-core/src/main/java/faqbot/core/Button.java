package faqbot.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A button under a reply. The payload is a short key the core resolves when pressed (at most
 * {@value #MAX_PAYLOAD_BYTES} ASCII bytes, so it fits Telegram's 64-byte callback_data and
 * Discord's 100-character custom_id with room for an adapter prefix). The label is one line of
 * at most {@value #MAX_LABEL_CHARS} characters, within every platform's limit, so no adapter clips it.
 */
public record Button(String label, String payload) {
  public static final int MAX_PAYLOAD_BYTES = 40;
  public static final int MAX_LABEL_CHARS = 60;
  /** Labels up to this long share a row, so that a long title is never squeezed to a stub. */
  static final int SHARED_ROW_LABEL_CHARS = 16;
  static final int MAX_SHARED_ROW = 3;

  public Button {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(payload, "payload");
    label = Texts.oneLine(label, MAX_LABEL_CHARS);
    if (label.isEmpty()) {
      label = "\u2026";
    }
    if (payload.getBytes(StandardCharsets.US_ASCII).length > MAX_PAYLOAD_BYTES
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(payload)) {
      throw new IllegalArgumentException("button payload must be ASCII, at most "
          + MAX_PAYLOAD_BYTES + " bytes: " + payload);
    }
  }

  /**
   * The buttons laid out in rows, the same on every platform: short labels share a row, up to
   * {@value #MAX_SHARED_ROW}; a long one gets a row of its own.
   */
  public static List<List<Button>> rows(List<Button> buttons) {
    List<List<Button>> rows = new ArrayList<>();
    List<Button> row = new ArrayList<>();
    for (Button button : buttons) {
      boolean shortLabel = button.label().length() <= SHARED_ROW_LABEL_CHARS;
      if (!row.isEmpty() && (!shortLabel || row.size() >= MAX_SHARED_ROW
          || row.get(0).label().length() > SHARED_ROW_LABEL_CHARS)) {
        rows.add(List.copyOf(row));
        row = new ArrayList<>();
      }
      row.add(button);
    }
    if (!row.isEmpty()) {
      rows.add(List.copyOf(row));
    }
    return rows;
  }
}

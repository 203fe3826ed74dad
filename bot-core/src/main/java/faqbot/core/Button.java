package faqbot.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A button under a reply. The payload is a short key the core resolves when pressed (at most
 * {@value #MAX_PAYLOAD_BYTES} ASCII bytes, so it fits Telegram's 64-byte callback_data and
 * Discord's 100-character custom_id with room for an adapter prefix). The label is one line of
 * at most {@value #MAX_LABEL_CHARS} characters; {@link Layout} clips it further for a platform
 * that allows less, and arranges buttons in rows.
 */
public record Button(String label, String payload) {
  public static final int MAX_PAYLOAD_BYTES = 40;
  public static final int MAX_LABEL_CHARS = 60;

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
}

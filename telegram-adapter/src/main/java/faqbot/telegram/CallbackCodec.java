package faqbot.telegram;

import faqbot.core.Button;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * callback_data for inline buttons: the core's short payload plus a tag binding it to the chat
 * the button was sent to. Telegram passes callback_data back verbatim, but a modified client can
 * send anything; the tag lets the adapter tell its own buttons from forged ones without storing
 * state, and keeps them valid across restarts.
 */
final class CallbackCodec {
  static final int TELEGRAM_MAX_BYTES = 64;
  private static final int TAG_CHARS = 10;
  private static final char SEPARATOR = '|';

  private final Secrets secrets;

  CallbackCodec(Secrets secrets) {
    this.secrets = secrets;
  }

  String encode(String chatId, String payload) {
    String data = payload + SEPARATOR + tag(chatId, payload);
    // Button guarantees <= 40 ASCII bytes, so this holds; checked because Telegram rejects the
    // whole message, not just the button, when it does not
    if (data.getBytes(StandardCharsets.UTF_8).length > TELEGRAM_MAX_BYTES) {
      throw new IllegalArgumentException("callback data over " + TELEGRAM_MAX_BYTES + " bytes");
    }
    return data;
  }

  /** The payload when {@code data} is a button this bot sent to {@code chatId}; else empty. */
  Optional<String> decode(String chatId, String data) {
    if (data == null) {
      return Optional.empty();
    }
    int sep = data.lastIndexOf(SEPARATOR);
    if (sep < 0 || sep > Button.MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    String payload = data.substring(0, sep);
    String tag = data.substring(sep + 1);
    return Secrets.constantTimeEquals(tag, tag(chatId, payload)) ? Optional.of(payload)
        : Optional.empty();
  }

  private String tag(String chatId, String payload) {
    return secrets.tag("cb:" + chatId + ":" + payload, TAG_CHARS);
  }
}

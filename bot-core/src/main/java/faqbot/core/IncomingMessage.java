package faqbot.core;

import java.util.Map;
import java.util.Objects;

/**
 * A message from a user, as an adapter translated it. Adapters pass only what the user addressed
 * to the bot: in groups, the text after the mention or the command; in private chats, all text.
 *
 * @param platform where it came from
 * @param chatId the platform's chat (or channel) id, opaque to the core
 * @param chatType private or group
 * @param userId the platform's user id, opaque to the core (never logged raw)
 * @param displayName the user's name as shown on the platform; may be null
 * @param languageCode IETF language tag the platform reports; may be null
 * @param text the text ("/ask ...", "/queue", or a plain question); empty for a button press
 * @param buttonPayload the payload of a pressed button ({@link Button#payload()}), or null
 * @param form named fields of a submitted form (a Discord modal), empty otherwise
 * @param file a file sent with the message (a Telegram document, a Discord attachment), or null;
 *     then {@code text} is its caption
 * @param command a command the platform delivered with typed values (a Discord slash command),
 *     or null; then {@code text} is unused
 * @param privateExchange the platform shows this exchange, the message and every reply to it, to
 *     the sender alone (a Discord interaction answered ephemerally), even in a group chat: the
 *     core then allows what it allows in private chats. {@code chatType} stays the real one.
 */
public record IncomingMessage(
    Platform platform,
    String chatId,
    ChatType chatType,
    String userId,
    String displayName,
    String languageCode,
    String text,
    String buttonPayload,
    Map<String, String> form,
    IncomingFile file,
    CommandCall command,
    boolean privateExchange) {

  public IncomingMessage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(chatType, "chatType");
    Objects.requireNonNull(userId, "userId");
    text = text == null ? "" : text;
    form = Map.copyOf(form == null ? Map.of() : form);
  }

  /** A message, or a file with its caption. */
  public IncomingMessage(Platform platform, String chatId, ChatType chatType, String userId,
      String displayName, String languageCode, String text, String buttonPayload,
      Map<String, String> form, IncomingFile file) {
    this(platform, chatId, chatType, userId, displayName, languageCode, text, buttonPayload, form,
        file, null, false);
  }

  /** A message without a file. */
  public IncomingMessage(Platform platform, String chatId, ChatType chatType, String userId,
      String displayName, String languageCode, String text, String buttonPayload,
      Map<String, String> form) {
    this(platform, chatId, chatType, userId, displayName, languageCode, text, buttonPayload, form,
        null);
  }

  /** A file, with its caption (may be empty). */
  public static IncomingMessage file(Platform platform, String chatId, ChatType chatType,
      String userId, String displayName, String caption, IncomingFile file) {
    Objects.requireNonNull(file, "file");
    return new IncomingMessage(platform, chatId, chatType, userId, displayName, null, caption,
        null, Map.of(), file);
  }

  /** A command with typed values; {@code privateExchange} as for the record. */
  public static IncomingMessage command(Platform platform, String chatId, ChatType chatType,
      String userId, String displayName, String languageCode, CommandCall command,
      boolean privateExchange) {
    Objects.requireNonNull(command, "command");
    return new IncomingMessage(platform, chatId, chatType, userId, displayName, languageCode, "",
        null, Map.of(), null, command, privateExchange);
  }

  /** The same message, shown by the platform to the sender alone (see the record). */
  public IncomingMessage inPrivateExchange() {
    return new IncomingMessage(platform, chatId, chatType, userId, displayName, languageCode, text,
        buttonPayload, form, file, command, true);
  }

  /** A typed text message. */
  public static IncomingMessage text(Platform platform, String chatId, ChatType chatType,
      String userId, String displayName, String text) {
    return new IncomingMessage(platform, chatId, chatType, userId, displayName, null, text, null, Map.of());
  }

  /** A button press. */
  public static IncomingMessage button(Platform platform, String chatId, ChatType chatType,
      String userId, String displayName, String payload) {
    return new IncomingMessage(platform, chatId, chatType, userId, displayName, null, "", payload, Map.of());
  }

  public boolean isButton() {
    return buttonPayload != null;
  }

  public boolean isCommandCall() {
    return command != null;
  }

  public boolean hasFile() {
    return file != null;
  }
}

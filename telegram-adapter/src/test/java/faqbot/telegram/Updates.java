package faqbot.telegram;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Real-shaped Bot API update JSON, as Telegram sends it (update_id added by the fake). */
final class Updates {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static int messageIds = 1;

  private Updates() {}

  static ObjectNode user(long id, String firstName) {
    ObjectNode u = NODES.objectNode();
    u.put("id", id);
    u.put("is_bot", false);
    u.put("first_name", firstName);
    u.put("language_code", "en");
    return u;
  }

  static ObjectNode privateChat(long userId, String firstName) {
    ObjectNode c = NODES.objectNode();
    c.put("id", userId);
    c.put("first_name", firstName);
    c.put("type", "private");
    return c;
  }

  static ObjectNode groupChat(long chatId, String title) {
    ObjectNode c = NODES.objectNode();
    c.put("id", chatId);
    c.put("title", title);
    c.put("type", "supergroup");
    return c;
  }

  static synchronized ObjectNode message(ObjectNode from, ObjectNode chat, String text) {
    ObjectNode m = NODES.objectNode();
    m.put("message_id", messageIds++);
    m.set("from", from);
    m.set("chat", chat);
    m.put("date", System.currentTimeMillis() / 1000);
    m.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ');
      entity(m, "bot_command", 0, end < 0 ? text.length() : end);
    }
    ObjectNode update = NODES.objectNode();
    update.set("message", m);
    return update;
  }

  static ObjectNode privateText(long userId, String firstName, String text) {
    return message(user(userId, firstName), privateChat(userId, firstName), text);
  }

  static ObjectNode groupText(long chatId, long userId, String firstName, String text) {
    return message(user(userId, firstName), groupChat(chatId, "Back pain support"), text);
  }

  /** A group message mentioning the bot with an @username entity where it appears. */
  static ObjectNode groupMention(long chatId, long userId, String firstName, String text) {
    ObjectNode update = groupText(chatId, userId, firstName, text);
    String mention = "@" + FakeBotApi.BOT_USERNAME;
    int at = text.indexOf(mention);
    if (at >= 0) {
      entity((ObjectNode) update.get("message"), "mention", at, mention.length());
    }
    return update;
  }

  /** A group message replying to one of the bot's messages. */
  static ObjectNode groupReplyToBot(long chatId, long userId, String firstName, String text,
      int botMessageId) {
    ObjectNode update = groupText(chatId, userId, firstName, text);
    ObjectNode replied = NODES.objectNode();
    replied.put("message_id", botMessageId);
    ObjectNode bot = NODES.objectNode();
    bot.put("id", FakeBotApi.BOT_ID);
    bot.put("is_bot", true);
    bot.put("first_name", "Health FAQ");
    bot.put("username", FakeBotApi.BOT_USERNAME);
    replied.set("from", bot);
    replied.set("chat", groupChat(chatId, "Back pain support"));
    replied.put("date", System.currentTimeMillis() / 1000 - 60);
    replied.put("text", "an earlier answer");
    ((ObjectNode) update.get("message")).set("reply_to_message", replied);
    return update;
  }

  static ObjectNode privateDocument(long userId, String firstName) {
    ObjectNode update = privateText(userId, firstName, "x");
    ObjectNode m = (ObjectNode) update.get("message");
    m.remove("text");
    ObjectNode doc = m.putObject("document");
    doc.put("file_id", "BQACAgIAAxkBAAIBAAFl");
    doc.put("file_unique_id", "AgADAQAD");
    doc.put("file_name", "scan.pdf");
    return update;
  }

  /** A document a user sends in the private chat, with an optional caption. */
  static ObjectNode privateDocument(long userId, String firstName, String fileId, String fileName,
      long size, String caption) {
    ObjectNode update = privateDocument(userId, firstName);
    ObjectNode m = (ObjectNode) update.get("message");
    ObjectNode doc = (ObjectNode) m.get("document");
    doc.put("file_id", fileId);
    doc.put("file_name", fileName);
    doc.put("mime_type", "text/plain");
    doc.put("file_size", size);
    if (caption != null) {
      m.put("caption", caption);
    }
    return update;
  }

  /** A photo without a caption: nothing the bot can read. */
  static ObjectNode privatePhoto(long userId, String firstName) {
    ObjectNode update = privateText(userId, firstName, "x");
    ObjectNode m = (ObjectNode) update.get("message");
    m.remove("text");
    ObjectNode size = m.putArray("photo").addObject();
    size.put("file_id", "AgACAgIAAxkBAAIB");
    size.put("file_unique_id", "AQADAgAD");
    size.put("width", 90);
    size.put("height", 90);
    return update;
  }

  /** A button press on a message the bot sent to {@code chatId}. */
  static ObjectNode callback(ObjectNode from, ObjectNode chat, int messageId, String data) {
    ObjectNode q = NODES.objectNode();
    q.put("id", "4382" + System.nanoTime());
    q.set("from", from);
    ObjectNode m = NODES.objectNode();
    m.put("message_id", messageId);
    ObjectNode bot = NODES.objectNode();
    bot.put("id", FakeBotApi.BOT_ID);
    bot.put("is_bot", true);
    bot.put("first_name", "Health FAQ");
    m.set("from", bot);
    m.set("chat", chat);
    m.put("date", System.currentTimeMillis() / 1000);
    m.put("text", "an answer");
    q.set("message", m);
    q.put("chat_instance", "-3458392893848");
    q.put("data", data);
    ObjectNode update = NODES.objectNode();
    update.set("callback_query", q);
    return update;
  }

  private static void entity(ObjectNode message, String type, int offset, int length) {
    ArrayNode entities = message.has("entities") ? (ArrayNode) message.get("entities")
        : message.putArray("entities");
    ObjectNode e = entities.addObject();
    e.put("type", type);
    e.put("offset", offset);
    e.put("length", length);
  }
}

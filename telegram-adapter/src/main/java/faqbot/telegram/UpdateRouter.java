package faqbot.telegram;

import faqbot.core.ChatType;
import faqbot.core.Command;
import faqbot.core.CommandCatalogue;
import faqbot.core.CommandText;
import faqbot.core.IncomingFile;
import faqbot.core.IncomingMessage;
import faqbot.core.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Decides what an update means for the core. Private chats: every text (or caption) is for the
 * bot. Groups (privacy mode on or off): only {@code /ask}, commands addressed {@code @thisbot},
 * mentions of the bot and replies to its own messages; everything else is other people's
 * conversation. Which commands a group may use is the catalogue's scope: the others get a
 * pointer to the private chat, since a Telegram group sees every reply.
 */
final class UpdateRouter {
  sealed interface Routed permits Ignore, Ask, Press, Toast, Notice {}

  /** Not for the bot. */
  record Ignore(String why) implements Routed {}

  /** A message for the core; the reply threads to {@code replyTo} in groups. */
  record Ask(IncomingMessage message, Target target, Integer replyTo) implements Routed {}

  /** A button press for the core; {@code queryId} must be answered. */
  record Press(IncomingMessage message, Target target, String queryId) implements Routed {}

  /** A callback the core should not see (forged, stale, no chat): answer it with this text. */
  record Toast(String queryId, String text) implements Routed {}

  /** Something the adapter answers itself without the core. */
  record Notice(Target target, Integer replyTo, String text) implements Routed {}

  /** Where replies go. */
  record Target(String chatId, boolean group, Integer threadId, String userId) {}

  /**
   * The largest file a bot may download from Telegram's Bot API (getFile: "up to 20 MB"); a
   * self-hosted Bot API server allows more, but the core's zip guard is the next limit anyway.
   */
  static final long MAX_DOWNLOAD_BYTES = 20L << 20;

  /** Fetches a file by its Telegram file_id. */
  @FunctionalInterface
  interface Files {
    java.io.InputStream download(String fileId) throws java.io.IOException;
  }

  static final String FORGED = "Sorry, this button is no longer valid. Please ask your question"
      + " again.";
  static final String TEXT_ONLY = "I can only read text. Please type your question.";
  static final String PRIVATE_ONLY = "Please send this command to me in a private chat.";

  private final long botId;
  private final String botUsername;
  private final CallbackCodec codec;
  private final Files files;
  private final CommandCatalogue commands;

  UpdateRouter(long botId, String botUsername, CallbackCodec codec, Files files,
      CommandCatalogue commands) {
    this.botId = botId;
    this.botUsername = botUsername == null ? "" : botUsername;
    this.codec = codec;
    this.files = files;
    this.commands = commands;
  }

  Routed route(Update update) {
    if (update.getCallbackQuery() != null) {
      return routeCallback(update.getCallbackQuery());
    }
    Message message = update.getMessage();
    if (message == null) {
      return new Ignore("not a new message or button");
    }
    User from = message.getFrom();
    Chat chat = message.getChat();
    if (from == null || chat == null || Boolean.TRUE.equals(from.getIsBot())) {
      return new Ignore("no human sender");
    }
    if (Boolean.TRUE.equals(chat.isChannelChat())) {
      return new Ignore("channel");
    }
    boolean group = !Boolean.TRUE.equals(chat.isUserChat());
    Integer thread = message.isTopicMessage() ? message.getMessageThreadId() : null;
    Target target = new Target(String.valueOf(chat.getId()), group, thread,
        String.valueOf(from.getId()));
    Integer replyTo = group ? message.getMessageId() : null;
    String text = message.getText();
    List<MessageEntity> entities = message.getEntities();
    if (text == null || text.isBlank()) {
      // a photo or file with a caption: the caption is what the user wrote, and may be the only
      // place they said what is wrong
      text = message.getCaption();
      entities = message.getCaptionEntities();
    }
    Document document = message.getDocument();
    if (!group && document != null && document.getFileId() != null) {
      // the core decides: a moderator's file is fetched for import, a patient's never is
      String fileId = document.getFileId();
      IncomingFile file = new IncomingFile(document.getFileName(), document.getMimeType(),
          document.getFileSize() == null ? -1 : document.getFileSize(), MAX_DOWNLOAD_BYTES,
          () -> files.download(fileId));
      return new Ask(IncomingMessage.file(Platform.TELEGRAM, target.chatId(), ChatType.PRIVATE,
          target.userId(), displayName(from), text == null ? "" : text, file), target, null);
    }
    if (text == null || text.isBlank()) {
      return group ? new Ignore("no text in group") : new Notice(target, null, TEXT_ONLY);
    }

    Optional<CommandText> command = CommandText.parse(text);
    if (command.isPresent()) {
      CommandText c = command.get();
      if (c.addressee() != null && !c.addressee().equalsIgnoreCase(botUsername)) {
        return new Ignore("command for another bot");
      }
      if (!group) {
        return new Ask(incoming(target, from, c.text()), target, null);
      }
      // a bare /ask is the one command a group needs not address to us: it has no other meaning
      if (c.name().equals("ask") || c.addressee() != null && usableInGroups(c.name())) {
        return new Ask(incoming(target, from, c.text()), target, replyTo);
      }
      return c.addressee() != null ? new Notice(target, replyTo, PRIVATE_ONLY)
          : new Ignore("group command not addressed to the bot");
    }
    if (!group) {
      return new Ask(incoming(target, from, text), target, null);
    }
    String withoutMention = stripMentions(text, entities);
    boolean mentioned = !withoutMention.equals(text);
    Message repliedTo = message.getReplyToMessage();
    boolean replyToBot = repliedTo != null && repliedTo.getFrom() != null
        && repliedTo.getFrom().getId() != null && repliedTo.getFrom().getId() == botId;
    if (!mentioned && !replyToBot) {
      return new Ignore("group chatter");
    }
    String question = withoutMention.replaceAll("[ \\t]+", " ").strip();
    return new Ask(incoming(target, from, question.isEmpty() ? "/ask" : "/ask " + question),
        target, replyTo);
  }

  private Routed routeCallback(CallbackQuery query) {
    MaybeInaccessibleMessage message = query.getMessage();
    User from = query.getFrom();
    if (message == null || message.getChat() == null || from == null) {
      return new Toast(query.getId(), FORGED);
    }
    Chat chat = message.getChat();
    String chatId = String.valueOf(chat.getId());
    Optional<String> payload = codec.decode(chatId, query.getData());
    if (payload.isEmpty()) {
      return new Toast(query.getId(), FORGED);
    }
    boolean group = !Boolean.TRUE.equals(chat.isUserChat());
    Integer thread = message instanceof Message && ((Message) message).isTopicMessage()
        ? ((Message) message).getMessageThreadId() : null;
    Target target = new Target(chatId, group, thread, String.valueOf(from.getId()));
    IncomingMessage incoming = new IncomingMessage(Platform.TELEGRAM, chatId,
        group ? ChatType.GROUP : ChatType.PRIVATE, String.valueOf(from.getId()),
        displayName(from), from.getLanguageCode(), "", payload.get(), Map.of());
    return new Press(incoming, target, query.getId());
  }

  private boolean usableInGroups(String name) {
    return commands.find(name).filter(c -> c.scope() == Command.Scope.ANYWHERE).isPresent();
  }

  private static IncomingMessage incoming(Target target, User from, String text) {
    return new IncomingMessage(Platform.TELEGRAM, target.chatId(),
        target.group() ? ChatType.GROUP : ChatType.PRIVATE, target.userId(), displayName(from),
        from.getLanguageCode(), text, null, Map.of());
  }

  static String displayName(User user) {
    String first = user.getFirstName() == null ? "" : user.getFirstName();
    String last = user.getLastName() == null ? "" : user.getLastName();
    String name = (first + " " + last).strip();
    return name.isEmpty() ? null : name;
  }

  /** The text without mentions of this bot; the same string when there are none. */
  private String stripMentions(String text, List<MessageEntity> entities) {
    if (entities == null || entities.isEmpty()) {
      return text;
    }
    List<MessageEntity> ours = new ArrayList<>();
    for (MessageEntity e : entities) {
      if (e.getOffset() == null || e.getLength() == null
          || e.getOffset() < 0 || e.getOffset() + e.getLength() > text.length()) {
        continue;
      }
      String covered = text.substring(e.getOffset(), e.getOffset() + e.getLength());
      boolean mention = "mention".equals(e.getType())
          && covered.equalsIgnoreCase("@" + botUsername) && !botUsername.isEmpty();
      boolean textMention = "text_mention".equals(e.getType()) && e.getUser() != null
          && e.getUser().getId() != null && e.getUser().getId() == botId;
      if (mention || textMention) {
        ours.add(e);
      }
    }
    if (ours.isEmpty()) {
      return text;
    }
    ours.sort(Comparator.comparing(MessageEntity::getOffset).reversed());
    StringBuilder sb = new StringBuilder(text);
    for (MessageEntity e : ours) {
      sb.replace(e.getOffset(), e.getOffset() + e.getLength(), " ");
    }
    return sb.toString();
  }
}

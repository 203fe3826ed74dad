package faqbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.ChatCore;
import faqbot.core.CommandSpec;
import faqbot.core.Notifier;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The bot on Telegram: receives updates (long polling, or a webhook), hands them to the core,
 * and delivers the core's replies as Telegram HTML with inline keyboards, within Telegram's
 * rate limits. One instance per bot token.
 */
public final class TelegramBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
  private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
  private static final long TYPING_REFRESH_MS = 4_500;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_BUTTON_LABEL = 60;
  static final String PRIVATE_FAILED = "I can only answer this in a private chat, and Telegram"
      + " does not let me start one. Please open a chat with me, press Start, and ask again.";
  static final String CORE_FAILED = "Sorry, something went wrong on my side. Please try again"
      + " in a moment.";

  private final TelegramSettings settings;
  private final ChatCore core;
  private final Secrets secrets;
  private final CallbackCodec codec;
  private final HtmlRenderer renderer = new HtmlRenderer(HtmlRenderer.TELEGRAM_LIMIT);
  private final Delivery delivery;
  private final OkHttpClient sendHttp;
  private final OkHttpTelegramClient client;
  private final Lanes lanes = new Lanes(8, "tg-chat");
  private final Lanes acks = new Lanes(2, "tg-ack");
  private final ScheduledExecutorService typing;
  private final Map<String, Role> menus = new ConcurrentHashMap<>();
  private final Set<Integer> recentUpdates = Collections.newSetFromMap(
      Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
          return size() > 2_000;
        }
      }));
  private final AtomicInteger lastUpdateId = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private UpdateRouter router;
  private String username;
  private TelegramBotsLongPollingApplication polling;
  private OkHttpClient pollHttp;
  private ScheduledExecutorService pollExecutor;
  private PollStopper pollStopper;
  private WebhookServer webhook;

  private TelegramBot(TelegramSettings settings, ChatCore core) {
    this.settings = settings;
    this.core = core;
    this.secrets = new Secrets(settings.token());
    this.codec = new CallbackCodec(secrets);
    this.delivery = new Delivery(new Pacer(settings.pacing(), Pacer.Ticker.SYSTEM),
        Pacer.Ticker.SYSTEM, settings.retry(), secrets, settings.token());
    this.sendHttp = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60))
        .writeTimeout(Duration.ofSeconds(60))
        .build();
    this.client = new OkHttpTelegramClient(new ObjectMapper(), sendHttp, settings.token(),
        telegramUrl(settings));
    this.typing = Executors.newSingleThreadScheduledExecutor(daemon("tg-typing"));
  }

  /**
   * Connects to Telegram, registers the notifier with the core, sets the command menu and starts
   * receiving updates (long polling, or the webhook listener).
   *
   * @throws IllegalStateException when Telegram refuses the token or cannot be reached; the
   *     message never contains the token
   */
  public static TelegramBot start(TelegramSettings settings, ChatCore core) throws Exception {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(core, "core");
    TelegramBot bot = new TelegramBot(settings, core);
    try {
      bot.connect();
      return bot;
    } catch (Exception | Error e) {
      bot.close();
      throw e;
    }
  }

  private void connect() throws Exception {
    String host = settings.apiUrl().getHost();
    if ("http".equalsIgnoreCase(settings.apiUrl().getScheme()) && !host.equals("localhost")
        && !host.startsWith("127.") && !host.equals("[::1]")) {
      log.warn("TELEGRAM_API_URL uses plain http to {}: the bot token crosses the network"
          + " unencrypted", host);
    }
    Delivery.Result<User> me = delivery.request("getMe", "me", c -> client.execute(new GetMe()));
    if (!me.sent()) {
      throw new IllegalStateException(me.status() == Delivery.Status.REFUSED
          ? "Telegram refused the bot token (getMe answered " + me.errorCode() + ")"
          : "cannot reach the Telegram Bot API at " + settings.apiUrl());
    }
    username = me.value().getUserName();
    router = new UpdateRouter(me.value().getId(), username, codec);
    core.registerNotifier(Platform.TELEGRAM, this::notifyUser);
    setMenu(null, core.commandsFor(Role.PATIENT));

    if (settings.mode() == TelegramSettings.Mode.WEBHOOK) {
      webhook = WebhookServer.start(settings, this::acceptSafely);
      SetWebhook setWebhook = SetWebhook.builder()
          .url(settings.webhookUrl().toString())
          .secretToken(settings.webhookSecret())
          .allowedUpdates(ALLOWED_UPDATES)
          .build();
      Delivery.Result<Boolean> set = delivery.request("setWebhook", "me",
          c -> client.execute(setWebhook));
      if (!set.sent()) {
        throw new IllegalStateException("Telegram did not accept the webhook "
            + settings.webhookUrl().getHost() + " (" + set.status() + ")");
      }
      log.info("Telegram bot @{} receiving updates by webhook on port {}", username,
          webhook.port());
    } else {
      startPolling();
      log.info("Telegram bot @{} receiving updates by long polling", username);
    }
  }

  private void startPolling() throws TelegramApiException {
    pollStopper = new PollStopper();
    pollHttp = new OkHttpClient.Builder()
        .addInterceptor(pollStopper)
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(settings.pollTimeoutSeconds() + 20L))
        .writeTimeout(Duration.ofSeconds(30))
        .build();
    pollExecutor = Executors.newSingleThreadScheduledExecutor(daemon("tg-poll"));
    polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp,
        () -> pollExecutor, ExponentialBackOff::new);
    Function<Integer, GetUpdates> nextPoll = last -> GetUpdates.builder()
        .offset(last + 1)
        .limit(100)
        .timeout(settings.pollTimeoutSeconds())
        .allowedUpdates(ALLOWED_UPDATES)
        .build();
    TelegramUrl url = telegramUrl(settings);
    polling.registerBot(settings.token(), () -> url, nextPoll, updates -> updates.forEach(
        this::acceptSafely));
  }

  /**
   * An exception escaping into the library's scheduled poll task would end polling for good
   * (a periodic task that throws is never run again), so none may.
   */
  private boolean acceptSafely(Update update) {
    try {
      return accept(update);
    } catch (RuntimeException e) {
      log.error("update {} dropped: {}", update.getUpdateId(), e.getClass().getName());
      return true; // the same update would fail the same way if Telegram sent it again
    }
  }

  /**
   * One update from polling or the webhook: dispatched to its chat's lane. False when the bot is
   * stopping and did not take it; the update is then neither answered nor confirmed to Telegram,
   * which delivers it again after the restart.
   */
  boolean accept(Update update) {
    if (closed.get()) {
      return false;
    }
    if (update == null || update.getUpdateId() == null) {
      return true;
    }
    if (!recentUpdates.add(update.getUpdateId())) {
      return true; // a webhook redelivery
    }
    UpdateRouter.Routed routed;
    try {
      routed = router.route(update);
    } catch (RuntimeException e) {
      log.warn("unreadable update {} skipped: {}", update.getUpdateId(), e.getClass().getName());
      routed = new UpdateRouter.Ignore("unreadable");
    }
    boolean taken = true;
    if (routed instanceof UpdateRouter.Toast) {
      UpdateRouter.Toast toast = (UpdateRouter.Toast) routed;
      taken = acks.submit(toast.queryId(), () -> answerCallback(toast.queryId(), toast.text()));
    } else if (routed instanceof UpdateRouter.Notice) {
      UpdateRouter.Notice notice = (UpdateRouter.Notice) routed;
      taken = lanes.submit(notice.target().chatId(), () -> sendNotice(notice));
    } else if (routed instanceof UpdateRouter.Ask) {
      UpdateRouter.Ask ask = (UpdateRouter.Ask) routed;
      taken = lanes.submit(ask.target().chatId(), () -> converse(ask.message(), ask.target(),
          ask.replyTo()));
    } else if (routed instanceof UpdateRouter.Press) {
      UpdateRouter.Press press = (UpdateRouter.Press) routed;
      acks.submit(press.queryId(), () -> answerCallback(press.queryId(), null));
      taken = lanes.submit(press.target().chatId(), () -> converse(press.message(),
          press.target(), null));
    }
    if (!taken) {
      recentUpdates.remove(update.getUpdateId());
      return false;
    }
    lastUpdateId.accumulateAndGet(update.getUpdateId(), Math::max);
    return true;
  }

  private void converse(faqbot.core.IncomingMessage message, UpdateRouter.Target target,
      Integer replyTo) {
    sendTyping(target);
    ScheduledFuture<?> refresh = typing.scheduleAtFixedRate(() -> sendTyping(target),
        TYPING_REFRESH_MS, TYPING_REFRESH_MS, TimeUnit.MILLISECONDS);
    List<Reply> replies;
    try {
      replies = core.handle(message);
    } catch (RuntimeException e) {
      log.error("the core failed on a message from {}", secrets.pseudonym(target.userId()), e);
      replies = List.of(Reply.builder().add(faqbot.core.Part.paragraph(CORE_FAILED)).build());
    } finally {
      refresh.cancel(false);
    }
    for (Reply reply : replies) {
      if (!deliver(reply, target, replyTo)) {
        break;
      }
      replyTo = null;
    }
    if (!target.group()) {
      updateMenu(target.userId());
    }
  }

  /** Delivers one reply; false when it could not be (the rest of the turn is then dropped). */
  private boolean deliver(Reply reply, UpdateRouter.Target from, Integer quoted) {
    UpdateRouter.Target target = from;
    Integer replyTo = quoted;
    if (reply.privateToAsker() && from.group()) {
      target = new UpdateRouter.Target(from.userId(), false, null, from.userId());
      replyTo = null;
    }
    Delivery.Status status = send(reply, target, replyTo);
    if (status == Delivery.Status.REFUSED && target != from) {
      // the user never opened a private chat with the bot: tell them in the group, without
      // the private content
      sendHtml(from, quoted, List.of(HtmlRenderer.escape(PRIVATE_FAILED)), null);
    }
    return status == Delivery.Status.SENT;
  }

  private Delivery.Status send(Reply reply, UpdateRouter.Target target, Integer replyTo) {
    List<String> chunks = new ArrayList<>(renderer.render(reply.parts()));
    if (chunks.isEmpty() && !reply.buttons().isEmpty()) {
      chunks.add("\u2B07\uFE0F");
    }
    Delivery.Status status = Delivery.Status.SENT;
    if (!chunks.isEmpty()) {
      status = sendHtml(target, replyTo, chunks, reply.buttons());
    }
    if (status == Delivery.Status.SENT && reply.attachment() != null) {
      status = sendDocument(target, reply.attachment());
    }
    return status;
  }

  private Delivery.Status sendHtml(UpdateRouter.Target target, Integer replyTo,
      List<String> chunks, List<Button> buttons) {
    String chatId = target.chatId();
    for (int i = 0; i < chunks.size(); i++) {
      String html = chunks.get(i);
      boolean last = i == chunks.size() - 1;
      Integer quote = i == 0 ? replyTo : null;
      Delivery.Result<Message> sent = delivery.message("sendMessage", chatId, target.group(),
          chat -> {
            SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder()
                .chatId(chat)
                .text(html)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .messageThreadId(target.threadId());
            if (quote != null) {
              b.replyParameters(ReplyParameters.builder().messageId(quote)
                  .allowSendingWithoutReply(true).build());
            }
            if (last && buttons != null && !buttons.isEmpty()) {
              b.replyMarkup(keyboard(chat, buttons));
            }
            return client.execute(b.build());
          });
      if (!sent.sent() && isMarkupError(sent)) {
        // should not happen, as everything is escaped; if Telegram still cannot parse the
        // markup, the reader gets the words without formatting rather than nothing
        log.error("Telegram could not parse a rendered message; sending it as plain text");
        String plain = HtmlRenderer.toPlain(html);
        sent = delivery.message("sendMessage", chatId, target.group(), chat -> {
          SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chat).text(plain)
              .messageThreadId(target.threadId());
          if (last && buttons != null && !buttons.isEmpty()) {
            b.replyMarkup(keyboard(chat, buttons));
          }
          return client.execute(b.build());
        });
      }
      if (!sent.sent()) {
        return sent.status();
      }
      chatId = sent.chatId();
    }
    return Delivery.Status.SENT;
  }

  private static boolean isMarkupError(Delivery.Result<?> result) {
    return result.status() == Delivery.Status.REFUSED && Integer.valueOf(400).equals(
        result.errorCode()) && result.error() != null
        && result.error().toLowerCase(Locale.ROOT).contains("parse entities");
  }

  private Delivery.Status sendDocument(UpdateRouter.Target target, Attachment attachment) {
    return delivery.message("sendDocument", target.chatId(), target.group(),
        chat -> client.execute(SendDocument.builder()
            .chatId(chat)
            .messageThreadId(target.threadId())
            .document(new InputFile(new ByteArrayInputStream(attachment.content()),
                attachment.fileName()))
            .build())).status();
  }

  private void sendNotice(UpdateRouter.Notice notice) {
    sendHtml(notice.target(), notice.replyTo(), List.of(HtmlRenderer.escape(notice.text())),
        null);
  }

  /** Buttons one per row, except short ones (yes/no, helpful/not) which share a row. */
  InlineKeyboardMarkup keyboard(String chatId, List<Button> buttons) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    InlineKeyboardRow row = new InlineKeyboardRow();
    for (Button button : buttons) {
      String label = button.label().strip();
      if (label.length() > MAX_BUTTON_LABEL) {
        label = label.substring(0, MAX_BUTTON_LABEL - 1).strip() + "\u2026";
      }
      if (label.isEmpty()) {
        label = "\u2022";
      }
      InlineKeyboardButton b = InlineKeyboardButton.builder()
          .text(label)
          .callbackData(codec.encode(chatId, button.payload()))
          .build();
      boolean shortLabel = label.length() <= 16;
      if (!row.isEmpty() && (!shortLabel || row.size() >= 3
          || row.get(0).getText().length() > 16)) {
        rows.add(row);
        row = new InlineKeyboardRow();
      }
      row.add(b);
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return InlineKeyboardMarkup.builder().keyboard(rows).build();
  }

  private void sendTyping(UpdateRouter.Target target) {
    try {
      client.execute(SendChatAction.builder().chatId(target.chatId()).action("typing")
          .messageThreadId(target.threadId()).build());
    } catch (TelegramApiException | RuntimeException e) {
      log.debug("typing indicator not shown in {}: {}", secrets.pseudonym(target.chatId()),
          Redact.describe(e, settings.token()));
    }
  }

  private void answerCallback(String queryId, String text) {
    delivery.request("answerCallbackQuery", "callback", c -> client.execute(
        AnswerCallbackQuery.builder().callbackQueryId(queryId).text(text).build()));
  }

  /** Per-user menus for moderators and admins; patients keep the default one. */
  private void updateMenu(String userId) {
    Role role;
    try {
      role = core.roleOf(Platform.TELEGRAM, userId);
    } catch (RuntimeException e) {
      return;
    }
    Role shown = menus.getOrDefault(userId, Role.PATIENT);
    if (role == shown) {
      return;
    }
    boolean done;
    if (role == Role.PATIENT) {
      done = delivery.request("deleteMyCommands", userId, c -> client.execute(
          DeleteMyCommands.builder().scope(BotCommandScopeChat.builder().chatId(c).build())
              .build())).sent();
    } else {
      done = setMenu(userId, core.commandsFor(role));
    }
    if (done) {
      menus.put(userId, role);
    }
  }

  private boolean setMenu(String chatId, List<CommandSpec> specs) {
    List<BotCommand> commands = new ArrayList<>();
    for (CommandSpec spec : specs) {
      String name = spec.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
      if (name.isEmpty() || name.length() > 32 || commands.size() >= 100) {
        continue;
      }
      String description = spec.description() == null ? "" : spec.description().strip();
      if (description.isEmpty()) {
        description = name;
      }
      if (description.length() > 256) {
        description = description.substring(0, 255) + "\u2026";
      }
      commands.add(new BotCommand(name, description));
    }
    if (commands.isEmpty()) {
      return true;
    }
    return delivery.request("setMyCommands", chatId == null ? "default" : chatId,
        c -> client.execute(SetMyCommands.builder()
            .commands(commands)
            .scope(chatId == null ? new BotCommandScopeDefault()
                : BotCommandScopeChat.builder().chatId(chatId).build())
            .build())).sent();
  }

  /** The core's notifications ("your question was answered") go to the user's private chat. */
  private boolean notifyUser(String userId, String chatId, Reply reply) {
    if (closed.get() || userId == null) {
      return false;
    }
    UpdateRouter.Target target = new UpdateRouter.Target(userId, false, null, userId);
    return send(reply, target, null) == Delivery.Status.SENT;
  }

  /** Stops receiving, lets in-flight replies finish, then confirms the handled updates. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (polling != null) {
      try {
        polling.close();
      } catch (Exception e) {
        log.debug("long polling stop: {}", Redact.describe(e, settings.token()));
      }
      pollStopper.stop();
      pollExecutor.shutdown();
      awaitQuietly(pollExecutor);
      pollExecutor.shutdownNow();
      pollHttp.dispatcher().cancelAll();
      pollStopper.shutdown();
    }
    if (webhook != null) {
      webhook.stop();
    }
    boolean drained = acks.drain(Duration.ofSeconds(5)) & lanes.drain(DRAIN_TIMEOUT);
    if (!drained) {
      log.warn("Telegram shutdown: {} replies still pending were abandoned", lanes.pending());
    }
    if (polling != null && lastUpdateId.get() > 0) {
      confirmUpdates();
    }
    typing.shutdownNow();
    shutdownHttp(sendHttp);
    if (pollHttp != null) {
      shutdownHttp(pollHttp);
    }
    log.info("Telegram bot stopped");
  }

  /**
   * Telegram redelivers polled updates until a later getUpdates passes a higher offset; without
   * this, the last batch handled before a restart would be answered twice.
   */
  private void confirmUpdates() {
    try {
      client.execute(GetUpdates.builder().offset(lastUpdateId.get() + 1).limit(1).timeout(0)
          .allowedUpdates(ALLOWED_UPDATES).build());
    } catch (TelegramApiException | RuntimeException e) {
      log.warn("could not confirm the last handled updates: {}",
          Redact.describe(e, settings.token()));
    }
  }

  /** Bound listener port in webhook mode (tests bind port 0). */
  int webhookPort() {
    return webhook == null ? -1 : webhook.port();
  }

  String username() {
    return username;
  }

  private static void awaitQuietly(ScheduledExecutorService executor) {
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void shutdownHttp(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  static TelegramUrl telegramUrl(TelegramSettings settings) {
    String scheme = settings.apiUrl().getScheme().toLowerCase(Locale.ROOT);
    int port = settings.apiUrl().getPort();
    if (port < 0) {
      port = scheme.equals("https") ? 443 : 80;
    }
    return new TelegramUrl(scheme, settings.apiUrl().getHost(), port, false);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

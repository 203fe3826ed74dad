package faqbot.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.ChatCore;
import faqbot.core.Command;
import faqbot.core.Layout;
import faqbot.core.Leadership;
import faqbot.core.Mailbox;
import faqbot.core.Notifier;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetFile;
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
 *
 * <p>Nothing is lost when the process dies: an update is stored in the core's {@link Mailbox}
 * before Telegram is told it was received (the next getUpdates offset, or the webhook's 200); a
 * turn's messages are stored as the turn is marked done; the {@link Sender} marks each message
 * delivered once Telegram confirmed it. A new start resumes stored turns and sends what is left.
 */
public final class TelegramBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
  private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
  private static final long TYPING_REFRESH_MS = 4_500;
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final String CURSOR = "update_id";
  /**
   * Threads that wait for Telegram's answers (none ever sleeps): 30 messages a second at up to
   * half a second per request, as from a distant region or on a loaded machine.
   */
  private static final int SEND_THREADS = 16;
  private static final long STORE_RETRY_MS = 1_000;
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
  private final ObjectMapper json = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private final Mailbox mailbox;
  private final Sender sender;
  /** The highest update id stored in the mailbox: the next poll confirms up to it. */
  private final AtomicLong storedUpTo = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private UpdateRouter router;
  private String username;
  private TelegramBotsLongPollingApplication polling;
  private OkHttpClient pollHttp;
  private ScheduledExecutorService pollExecutor;
  private PollStopper pollStopper;
  private WebhookServer webhook;
  /** Leading, waiting for the lead, and adopting a dead replica's work; null when alone. */
  private ScheduledExecutorService replicas;
  private Leadership.Lead pollingLead;

  private TelegramBot(TelegramSettings settings, ChatCore core) {
    this.settings = settings;
    this.core = core;
    this.secrets = new Secrets(settings.token());
    this.codec = new CallbackCodec(secrets);
    // one pacer for the outbox and the notifications sent directly: they share the chat's and
    // the bot's limits, with every replica on the same database
    Pacer pacer = new Pacer(settings.pacing(), core.sendPacing(), botId(settings.token()));
    this.delivery = new Delivery(pacer, Pacer.Ticker.SYSTEM, settings.retry(), secrets,
        settings.token());
    this.sendHttp = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60))
        .writeTimeout(Duration.ofSeconds(60))
        .build();
    this.client = new OkHttpTelegramClient(new ObjectMapper(), sendHttp, settings.token(),
        telegramUrl(settings));
    this.typing = Executors.newSingleThreadScheduledExecutor(daemon("tg-typing"));
    this.mailbox = core.mailbox();
    this.sender = new Sender(mailbox, pacer,
        new Sender.Transport() {
          @Override
          public Delivery.Attempt send(Mailbox.Outgoing message) {
            return TelegramBot.this.send(message);
          }

          @Override
          public boolean group(Mailbox.Outgoing message) {
            return read(message).group();
          }
        }, settings.retry().firstBackoff(), SEND_THREADS);
  }

  /** The bot's id: the token's part before the colon, which Telegram shows publicly anyway. */
  static String botId(String token) {
    int colon = token.indexOf(':');
    return colon > 0 && token.substring(0, colon).chars().allMatch(Character::isDigit)
        ? token.substring(0, colon) : "bot";
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
    router = new UpdateRouter(me.value().getId(), username, codec, this::download,
        core.commands());
    core.registerNotifier(Platform.TELEGRAM, this::notifyUser);
    setMenu(null, core.commands().forRole(Role.PATIENT));
    resume();
    if (mailbox.shared()) {
      replicas = Executors.newSingleThreadScheduledExecutor(daemon("tg-replicas"));
      long every = Mailbox.CLAIM_RENEWAL.toMillis();
      replicas.scheduleWithFixedDelay(this::keepClaimsAndAdopt, every, every,
          TimeUnit.MILLISECONDS);
    }

    if (settings.mode() == TelegramSettings.Mode.WEBHOOK) {
      webhook = WebhookServer.start(settings, update -> store(List.of(update)));
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
      Optional<Leadership.Lead> lead = core.leadership().tryLead(POLLING_ROLE);
      if (lead.isPresent()) {
        pollingLead = lead.get();
        startPolling();
        log.info("Telegram bot @{} receiving updates by long polling", username);
      } else {
        log.info("Telegram bot @{}: another replica polls Telegram; this one takes over when"
            + " it stops", username);
      }
      if (lead.isEmpty() && replicas == null) {
        replicas = Executors.newSingleThreadScheduledExecutor(daemon("tg-replicas"));
      }
      if (replicas != null) {
        long every = LEAD_CHECK.toMillis();
        replicas.scheduleWithFixedDelay(this::checkPollingLead, every, every,
            TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Among replicas, only one may poll: Telegram answers a second poller 409 Conflict. */
  static final String POLLING_ROLE = "telegram-polling";
  /** How often a waiting replica asks for the lead (and a leading one checks it still has it). */
  static final Duration LEAD_CHECK = Duration.ofSeconds(5);

  /** Renews this replica's claims, then takes over what a replica that died left. */
  private void keepClaimsAndAdopt() {
    if (closed.get()) {
      return;
    }
    try {
      mailbox.renewClaims();
      List<Mailbox.Turn> turns = mailbox.orphanedTurns(Platform.TELEGRAM);
      List<Mailbox.Outgoing> messages = mailbox.orphanedMessages(Platform.TELEGRAM);
      if (!turns.isEmpty() || !messages.isEmpty()) {
        log.info("adopting {} turns and {} undelivered messages of a replica that stopped",
            turns.size(), messages.size());
      }
      sender.enqueue(messages);
      turns.forEach(this::dispatch);
    } catch (RuntimeException e) {
      log.warn("could not renew the mailbox claims: {}", e.getMessage());
    }
  }

  private synchronized void checkPollingLead() {
    if (closed.get()) {
      return;
    }
    try {
      if (pollingLead != null) {
        if (!pollingLead.held()) {
          log.warn("lost the polling lead (database connection broken); stopping polling");
          stopPolling();
          pollingLead.close();
          pollingLead = null;
        }
        return;
      }
      Optional<Leadership.Lead> lead = core.leadership().tryLead(POLLING_ROLE);
      if (lead.isPresent()) {
        pollingLead = lead.get();
        startPolling();
        log.info("Telegram bot @{} took over long polling from a replica that stopped", username);
      }
    } catch (TelegramApiException | RuntimeException e) {
      log.warn("could not take over polling: {}", Redact.describe(e, settings.token()));
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
    storedUpTo.set(mailbox.cursor(Platform.TELEGRAM, CURSOR).orElse(0));
    // the offset is ours, not the library's: it confirms only updates stored in the mailbox
    Function<Integer, GetUpdates> nextPoll = ignored -> GetUpdates.builder()
        .offset((int) storedUpTo.get() + 1)
        .limit(100)
        .timeout(settings.pollTimeoutSeconds())
        .allowedUpdates(ALLOWED_UPDATES)
        .build();
    TelegramUrl url = telegramUrl(settings);
    polling.registerBot(settings.token(), () -> url, nextPoll, this::storeBeforeNextPoll);
  }

  /**
   * Runs on the poll thread, so the next getUpdates (which confirms these updates to Telegram)
   * waits until they are stored. An exception escaping into the library's scheduled poll task
   * would end polling for good, so none may: a failing database is retried until it works or
   * the bot stops, and then Telegram still has the updates.
   */
  private void storeBeforeNextPoll(List<Update> updates) {
    while (!store(updates) && !closed.get()) {
      try {
        Thread.sleep(STORE_RETRY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Turns stored by an earlier run and not done, and its messages not yet delivered. */
  private void resume() {
    List<Mailbox.Turn> turns = mailbox.unfinished(Platform.TELEGRAM);
    List<Mailbox.Outgoing> messages = mailbox.undelivered(Platform.TELEGRAM);
    if (!turns.isEmpty() || !messages.isEmpty()) {
      log.info("resuming {} stored turns and {} undelivered messages", turns.size(),
          messages.size());
    }
    sender.enqueue(messages);
    turns.forEach(this::dispatch);
  }

  /**
   * Stores updates in the mailbox and hands the new ones to their chats' lanes. False when they
   * are not stored (the bot is stopping, or the database failed): they must then not be
   * confirmed to Telegram, which delivers them again.
   */
  boolean store(List<Update> updates) {
    if (closed.get()) {
      return false;
    }
    List<Mailbox.Arrival> arrivals = new ArrayList<>();
    long highest = storedUpTo.get();
    for (Update update : updates) {
      if (update == null || update.getUpdateId() == null) {
        continue;
      }
      highest = Math.max(highest, update.getUpdateId());
      try {
        arrivals.add(new Mailbox.Arrival(String.valueOf(update.getUpdateId()), lane(update),
            json.writeValueAsString(update)));
      } catch (JsonProcessingException | RuntimeException e) {
        log.warn("update {} cannot be stored and is skipped: {}", update.getUpdateId(),
            e.getClass().getName());
      }
    }
    List<Mailbox.Turn> stored;
    try {
      stored = mailbox.receive(Platform.TELEGRAM, arrivals, CURSOR, highest);
    } catch (RuntimeException e) {
      log.error("updates not stored, Telegram will deliver them again: {}", e.getMessage());
      return false;
    }
    storedUpTo.accumulateAndGet(highest, Math::max);
    stored.forEach(this::dispatch);
    return true;
  }

  /** The chat an update belongs to: its turns are handled one at a time, in order. */
  private static String lane(Update update) {
    if (update.getMessage() != null && update.getMessage().getChat() != null) {
      return String.valueOf(update.getMessage().getChat().getId());
    }
    if (update.getCallbackQuery() != null && update.getCallbackQuery().getMessage() != null
        && update.getCallbackQuery().getMessage().getChat() != null) {
      return String.valueOf(update.getCallbackQuery().getMessage().getChat().getId());
    }
    return "-";
  }

  private void dispatch(Mailbox.Turn turn) {
    // refused only while stopping; the turn stays stored and resumes on the next start
    lanes.submit(turn.lane(), () -> process(turn));
  }

  /** One stored turn: routed, answered by the core, its messages stored as it is marked done. */
  private void process(Mailbox.Turn turn) {
    Update update;
    try {
      update = json.readValue(turn.payload(), Update.class);
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("unreadable stored update skipped: {}", e.getClass().getName());
      mailbox.finish(turn.id(), List.of());
      return;
    }
    UpdateRouter.Routed routed;
    try {
      routed = router.route(update);
    } catch (RuntimeException e) {
      log.warn("unreadable update {} skipped: {}", update.getUpdateId(), e.getClass().getName());
      routed = new UpdateRouter.Ignore("unreadable");
    }
    List<Out> outs = new ArrayList<>();
    String menuFor = null;
    if (routed instanceof UpdateRouter.Toast) {
      UpdateRouter.Toast toast = (UpdateRouter.Toast) routed;
      acks.submit(toast.queryId(), () -> answerCallback(toast.queryId(), toast.text()));
    } else if (routed instanceof UpdateRouter.Notice) {
      UpdateRouter.Notice notice = (UpdateRouter.Notice) routed;
      outs.add(Out.text(notice.target(), notice.replyTo(),
          HtmlRenderer.escape(notice.text()), null));
    } else if (routed instanceof UpdateRouter.Ask) {
      UpdateRouter.Ask ask = (UpdateRouter.Ask) routed;
      outs.addAll(converse(ask.message(), ask.target(), ask.replyTo()));
      menuFor = ask.target().group() ? null : ask.target().userId();
    } else if (routed instanceof UpdateRouter.Press) {
      UpdateRouter.Press press = (UpdateRouter.Press) routed;
      acks.submit(press.queryId(), () -> answerCallback(press.queryId(), null));
      outs.addAll(converse(press.message(), press.target(), null));
      menuFor = press.target().group() ? null : press.target().userId();
    }
    List<Mailbox.Outgoing> drafts = new ArrayList<>();
    for (Out out : outs) {
      drafts.add(Mailbox.Outgoing.draft(out.chat(), write(out)));
    }
    sender.enqueue(mailbox.finish(turn.id(), drafts));
    if (menuFor != null) {
      updateMenu(menuFor);
    }
  }

  private List<Out> converse(faqbot.core.IncomingMessage message, UpdateRouter.Target target,
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
    List<Out> outs = new ArrayList<>();
    for (Reply reply : replies) {
      outs.addAll(render(reply, target, replyTo));
      replyTo = null;
    }
    return outs;
  }

  /**
   * A reply as the messages to send. A reply private to a group's asker goes to the asker's
   * private chat, and carries the group as where to explain should Telegram refuse that.
   */
  private List<Out> render(Reply reply, UpdateRouter.Target from, Integer quoted) {
    UpdateRouter.Target target = from;
    Integer replyTo = quoted;
    Out fallback = null;
    if (reply.privateToAsker() && from.group()) {
      target = new UpdateRouter.Target(from.userId(), false, null, from.userId());
      replyTo = null;
      fallback = Out.text(from, quoted, HtmlRenderer.escape(PRIVATE_FAILED), null);
    }
    List<String> chunks = new ArrayList<>(renderer.render(reply.parts()));
    if (chunks.isEmpty() && !reply.buttons().isEmpty()) {
      chunks.add("\u2B07\uFE0F");
    }
    List<Out> outs = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      Out out = Out.text(target, i == 0 ? replyTo : null, chunks.get(i),
          last && !reply.buttons().isEmpty() ? reply.buttons() : null);
      outs.add(i == 0 && fallback != null ? out.withFallback(fallback) : out);
    }
    Attachment attachment = reply.attachment();
    if (attachment != null) {
      outs.add(new Out("document", target.chatId(), target.group(), target.threadId(), null, null,
          null, attachment.fileName(), Base64.getEncoder().encodeToString(attachment.content()),
          outs.isEmpty() ? fallback : null));
    }
    return outs;
  }

  /**
   * One outgoing message as stored in the mailbox: where it goes, its HTML or file, its
   * buttons (their callback data is signed for the chat when sent, which may have become a
   * supergroup by then), and for a private reply from a group the note for the group should the
   * asker never have started a chat with the bot.
   */
  record Out(String kind, String chat, boolean group, Integer thread, String html,
      Integer replyTo, List<Button> buttons, String fileName, String data, Out fallback) {
    static Out text(UpdateRouter.Target target, Integer replyTo, String html,
        List<Button> buttons) {
      return new Out("text", target.chatId(), target.group(), target.threadId(), html, replyTo,
          buttons, null, null, null);
    }

    Out withFallback(Out note) {
      return new Out(kind, chat, group, thread, html, replyTo, buttons, fileName, data, note);
    }
  }

  private String write(Out out) {
    try {
      return json.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an outgoing message", e);
    }
  }

  private Out read(Mailbox.Outgoing message) {
    try {
      return json.readValue(message.payload(), Out.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored message", e);
    }
  }

  /** One attempt at one stored message, for the {@link Sender}. */
  private Delivery.Attempt send(Mailbox.Outgoing message) {
    Out out;
    try {
      out = read(message);
    } catch (RuntimeException e) {
      log.error("an unreadable stored message is dropped");
      return new Delivery.Attempt(Delivery.Outcome.REFUSED, 0, message.lane(), null, null);
    }
    Delivery.Attempt result;
    if (out.kind().equals("document")) {
      byte[] content = Base64.getDecoder().decode(out.data());
      result = delivery.once("sendDocument", out.chat(), chat -> client.execute(
          SendDocument.builder()
              .chatId(chat)
              .messageThreadId(out.thread())
              .document(new InputFile(new ByteArrayInputStream(content), out.fileName()))
              .build()));
    } else {
      result = delivery.once("sendMessage", out.chat(), chat -> client.execute(
          message(chat, out, out.html(), true)));
      if (result.outcome() == Delivery.Outcome.REFUSED && isMarkupError(result)) {
        // should not happen, as everything is escaped; if Telegram still cannot parse the
        // markup, the reader gets the words without formatting rather than nothing
        log.error("Telegram could not parse a rendered message; sending it as plain text");
        String plain = HtmlRenderer.toPlain(out.html());
        result = delivery.once("sendMessage", out.chat(), chat -> client.execute(
            message(chat, out, plain, false)));
      }
    }
    if (result.outcome() == Delivery.Outcome.REFUSED && out.fallback() != null
        && Integer.valueOf(403).equals(result.errorCode())) {
      // the user never opened a private chat with the bot: tell them in the group, without
      // the private content
      Out note = out.fallback();
      sender.enqueue(mailbox.post(Platform.TELEGRAM,
          List.of(Mailbox.Outgoing.draft(note.chat(), write(note)))));
    }
    return result;
  }

  private SendMessage message(String chat, Out out, String text, boolean html) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder()
        .chatId(chat)
        .text(text)
        .messageThreadId(out.thread());
    if (html) {
      b.parseMode(ParseMode.HTML)
          .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
      if (out.replyTo() != null) {
        b.replyParameters(ReplyParameters.builder().messageId(out.replyTo())
            .allowSendingWithoutReply(true).build());
      }
    }
    if (out.buttons() != null && !out.buttons().isEmpty()) {
      b.replyMarkup(keyboard(chat, out.buttons()));
    }
    return b.build();
  }

  /** A notification, sent at once (the core waits to learn whether the user blocked the bot). */
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
      if (sent.status() == Delivery.Status.REFUSED
          && isMarkupError(new Delivery.Attempt(Delivery.Outcome.REFUSED, 0, chatId,
              sent.errorCode(), sent.error()))) {
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

  private static boolean isMarkupError(Delivery.Attempt result) {
    return Integer.valueOf(400).equals(
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

  /**
   * The buttons in the core's rows. They are stored flat and laid out when sent, so that messages
   * queued before an upgrade still read.
   */
  InlineKeyboardMarkup keyboard(String chatId, List<Button> buttons) {
    List<InlineKeyboardRow> rows = new ArrayList<>();
    for (List<Button> buttonRow : Layout.rows(buttons, renderer.limits())) {
      InlineKeyboardRow row = new InlineKeyboardRow();
      for (Button button : buttonRow) {
        row.add(InlineKeyboardButton.builder()
            .text(button.label())
            .callbackData(codec.encode(chatId, button.payload()))
            .build());
      }
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
      done = setMenu(userId, core.commands().forRole(role));
    }
    if (done) {
      menus.put(userId, role);
    }
  }

  private boolean setMenu(String chatId, List<Command> catalogue) {
    List<BotCommand> commands = new ArrayList<>();
    for (Command spec : catalogue) {
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

  /**
   * A file a user sent, fetched when the core asks for it: getFile through telegrambots, then
   * the download from the configured Bot API server (the library's own download always goes to
   * api.telegram.org, which would bypass TELEGRAM_API_URL). Errors never carry the token.
   */
  private java.io.InputStream download(String fileId) throws java.io.IOException {
    Delivery.Result<org.telegram.telegrambots.meta.api.objects.File> found = delivery.request(
        "getFile", "file", c -> client.execute(GetFile.builder().fileId(fileId).build()));
    if (!found.sent() || found.value().getFilePath() == null) {
      throw new java.io.IOException("Telegram did not hand out the file"
          + (found.error() == null ? "" : " (" + found.error() + ")"));
    }
    okhttp3.HttpUrl url = okhttp3.HttpUrl.get(settings.apiUrl().toString()).newBuilder()
        .encodedPath("/file/bot" + settings.token() + "/")
        .addPathSegments(found.value().getFilePath())
        .build();
    okhttp3.Response response;
    try {
      response = sendHttp.newCall(new okhttp3.Request.Builder().url(url).get().build()).execute();
    } catch (java.io.IOException e) {
      throw new java.io.IOException("the file download failed: "
          + Redact.describe(e, settings.token()));
    }
    if (!response.isSuccessful()) {
      int code = response.code();
      response.close();
      throw new java.io.IOException("the file download failed (HTTP " + code + ")");
    }
    return response.body().byteStream();
  }

  /** The core's notifications ("your question was answered") go to the user's private chat. */
  private boolean notifyUser(String userId, String chatId, Reply reply) {
    if (closed.get() || userId == null) {
      return false;
    }
    UpdateRouter.Target target = new UpdateRouter.Target(userId, false, null, userId);
    return send(reply, target, null) == Delivery.Status.SENT;
  }

  /**
   * Stops receiving, lets turns in progress finish, sends what it can of the outbox for a bounded
   * time and confirms the stored updates. Turns not started and messages not sent stay in the
   * mailbox for the next start.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (replicas != null) {
      replicas.shutdownNow();
      awaitQuietly(replicas);
    }
    boolean polled = polling != null;
    synchronized (this) {
      stopPolling();
    }
    if (webhook != null) {
      webhook.stop();
    }
    boolean finished = lanes.stop(TURN_TIMEOUT);
    acks.drain(Duration.ofSeconds(5));
    boolean drained = sender.drain(DRAIN_TIMEOUT);
    if (!finished || !drained) {
      log.warn("Telegram shutdown: {} turns and {} messages left for the next start",
          lanes.pending(), sender.pending());
    }
    if (polled && storedUpTo.get() > 0) {
      confirmUpdates();
    }
    synchronized (this) {
      if (pollingLead != null) {
        pollingLead.close();
        pollingLead = null;
      }
    }
    typing.shutdownNow();
    shutdownHttp(sendHttp);
    log.info("Telegram bot stopped");
  }

  private void stopPolling() {
    if (polling == null) {
      return;
    }
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
    shutdownHttp(pollHttp);
    polling = null;
  }

  /**
   * Telegram redelivers polled updates until a later getUpdates passes a higher offset; the
   * mailbox would recognise them, but there is no need to fetch them again.
   */
  private void confirmUpdates() {
    try {
      client.execute(GetUpdates.builder().offset((int) storedUpTo.get() + 1).limit(1).timeout(0)
          .allowedUpdates(ALLOWED_UPDATES).build());
    } catch (TelegramApiException | RuntimeException e) {
      log.warn("could not confirm the stored updates: {}", Redact.describe(e, settings.token()));
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

package faqbot.discord;

import faqbot.core.ChatCore;
import faqbot.core.ChatType;
import faqbot.core.Command;
import faqbot.core.CommandCall;
import faqbot.core.CommandCatalogue;
import faqbot.core.IncomingFile;
import faqbot.core.IncomingMessage;
import faqbot.core.Mailbox;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.SelfUser;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Discord events into core messages and the core's replies back into Discord calls.
 * Runs on JDA's gateway thread, so it only acknowledges and hands the work to {@code workers}:
 * every interaction is acknowledged at once (Discord allows 3 seconds), the answer follows
 * through the interaction hook.
 *
 * <p>Discord never delivers a gateway event twice, so each message and interaction for the bot
 * is stored in the core's {@link Mailbox} as it arrives, and marked done once its replies went
 * out. The next start answers what a crash left undone: through the interaction's own hook while
 * its token is valid, otherwise with a fresh message in the channel, or by DM where the answer
 * was private. On a mailbox that replicas share, a replica does the same for the turns of a
 * replica that died, and keeps its own claims alive so that no live replica's turn is taken.
 */
final class DiscordListener extends ListenerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);

  static final String STALE_BUTTON =
      "Sorry, this button has expired or is not one of mine. Please ask again with /ask.";
  static final String STALE_FORM = "Sorry, this form has expired. Please open it again.";
  static final String UNKNOWN_COMMAND =
      "Sorry, I don't know this command any more. Type / to see the current ones.";
  static final String FAILED = "Sorry, something went wrong on my side. Please try again in a moment.";
  static final String RESTARTING = "I'm restarting. Please try again in a minute.";
  static final String DM_CLOSED =
      "I tried to send you this privately but your direct messages are closed.";

  static final String LONG_TEXT_FILE = "message.txt";
  /** Far above any message the core reads whole (staff pages are up to 60,000 characters). */
  static final int LONG_TEXT_MAX_BYTES = 256 * 1024;

  /**
   * The largest file a user can send without Nitro or a boosted server (25 MiB); a moderator's
   * file above it is refused by size before it is fetched.
   */
  static final long MAX_ATTACHMENT_BYTES = 25L << 20;

  /** Discord's interaction tokens last 15 minutes; a resumed turn keeps a margin. */
  static final Duration TOKEN_LIFE = Duration.ofMinutes(14);

  private final ChatCore core;
  private final Mailbox mailbox;
  private final ExecutorService workers;
  private final OptionalLong guildId;
  private final CommandCatalogue catalogue;
  private final List<SlashCommandData> commands;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicBoolean resumed = new AtomicBoolean();
  private volatile boolean accepting = true;
  /** On a shared mailbox: keeps this replica's claims and adopts what a dead replica left. */
  private volatile ScheduledExecutorService sweeper;

  DiscordListener(ChatCore core, ExecutorService workers, OptionalLong guildId) {
    this.core = core;
    this.mailbox = core.mailbox();
    this.workers = workers;
    this.guildId = guildId;
    this.catalogue = core.commands();
    this.commands = SlashCommands.definitions(catalogue);
  }

  CountDownLatch readyLatch() {
    return ready;
  }

  void stopAccepting() {
    accepting = false;
    ScheduledExecutorService s = sweeper;
    if (s != null) {
      s.shutdownNow();
    }
  }

  // ---- session: register the command set once per process (shard 0 owns global commands)

  @Override
  public void onReady(ReadyEvent event) {
    try {
      registerGlobally(event.getJDA());
      // the first of this process's shards to be ready, which is not shard 0 on a replica that
      // runs other shards: REST calls and interaction hooks work from any shard
      if (resumed.compareAndSet(false, true)) {
        resume(event.getJDA());
        if (mailbox.shared()) {
          startSweeping(event.getJDA());
        }
      }
    } finally {
      ready.countDown();
    }
  }

  private void registerGlobally(JDA jda) {
    JDA.ShardInfo shard = jda.getShardInfo();
    if (guildId.isPresent()) {
      long id = guildId.getAsLong();
      // Discord's rule for which shard carries a server
      boolean ours = (id >>> 22) % shard.getShardTotal() == shard.getShardId();
      if (ours && jda.getGuildById(id) == null && !jda.isUnavailable(id)) {
        LOG.warn("The bot is not a member of server {} (DISCORD_GUILD_ID): no slash commands were "
            + "registered. Invite the bot there, or unset DISCORD_GUILD_ID for global commands.",
            Long.toUnsignedString(id));
      }
      return;
    }
    if (shard.getShardId() == 0) {
      jda.updateCommands().addCommands(commands).queue(
          done -> LOG.info("Registered {} global slash commands", done.size()),
          error -> LOG.error("Registering global slash commands failed: {}", describe(error)));
    }
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    if (guildId.isPresent() && event.getGuild().getIdLong() == guildId.getAsLong()) {
      event.getGuild().updateCommands().addCommands(commands).queue(
          done -> LOG.info("Registered {} slash commands in server {}", done.size(), event.getGuild().getId()),
          error -> LOG.error("Registering server slash commands failed: {}", describe(error)));
    }
  }

  // ---- interactions

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    if (refuseWhileStopping(event)) {
      return;
    }
    Optional<Command> found = SlashCommands.command(catalogue, event.getName(), event.getSubcommandName());
    if (found.isEmpty()) {
      // a command left over from an older registration
      event.reply(UNKNOWN_COMMAND).setEphemeral(true).setAllowedMentions(List.of()).queue(null, failure("reply"));
      return;
    }
    Command command = found.get();
    if (SlashCommands.opensForm(command, event.getOptions())
        && core.roleOf(Platform.DISCORD, event.getUser().getId()).atLeast(Role.MODERATOR)) {
      // showing the form is the acknowledgement; the core checks the role again on submission.
      // Anyone else falls through to the call below, which the core refuses and logs.
      event.replyModal(SlashCommands.addForm()).queue(null, failure("show the add form"));
      return;
    }
    boolean ephemeral = SlashCommands.isPrivate(command);
    IncomingMessage call = IncomingMessage.command(Platform.DISCORD, event.getChannelId(),
        chatType(event), event.getUser().getId(), event.getUser().getEffectiveName(),
        event.getUserLocale().getLocale(), SlashCommands.call(command, event.getOptions()), ephemeral);
    answerLater(event, ephemeral, call);
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    if (refuseWhileStopping(event)) {
      return;
    }
    String payload = Render.payloadOf(event.getComponentId());
    if (payload == null) {
      event.reply(STALE_BUTTON).setEphemeral(true).setAllowedMentions(List.of()).queue(null, failure("reply"));
      return;
    }
    // the result goes to the presser only, so buttons on a public answer never spam the channel
    answerLater(event, true, message(event, "", payload, Map.of()));
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    if (refuseWhileStopping(event)) {
      return;
    }
    if (!SlashCommands.ADD_MODAL_ID.equals(event.getModalId())) {
      event.reply(STALE_FORM).setEphemeral(true).setAllowedMentions(List.of()).queue(null, failure("reply"));
      return;
    }
    Map<String, String> form = new LinkedHashMap<>();
    for (String field : SlashCommands.FORM_FIELDS) {
      ModalMapping value = event.getValue(field);
      if (value != null && !value.getAsString().isBlank()) {
        form.put(field, value.getAsString().strip());
      }
    }
    answerLater(event, true, message(event, "/add", null, form));
  }

  private boolean refuseWhileStopping(IReplyCallback event) {
    if (accepting) {
      return false;
    }
    event.reply(RESTARTING).setEphemeral(true).queue(null, failure("reply"));
    return true;
  }

  /**
   * A button press or a form, answered ephemerally: the core is told the exchange is private, and
   * which kind of channel it really happened in.
   */
  private static IncomingMessage message(IReplyCallback event, String text, String payload,
      Map<String, String> form) {
    User user = event.getUser();
    return new IncomingMessage(Platform.DISCORD, event.getChannelId(), chatType(event), user.getId(),
        user.getEffectiveName(), event.getUserLocale().getLocale(), text, payload, form)
        .inPrivateExchange();
  }

  private static ChatType chatType(IReplyCallback event) {
    return event.getChannelType() == ChannelType.PRIVATE ? ChatType.PRIVATE : ChatType.GROUP;
  }

  private void answerLater(IReplyCallback event, boolean ephemeral, IncomingMessage message) {
    event.deferReply(ephemeral).queue(null, failure("acknowledge an interaction"));
    InteractionHook hook = event.getHook();
    DataObject stored = DataObject.empty().put("kind", "interaction")
        .put("channel", message.chatId())
        .put("chatType", message.chatType().name())
        .put("user", message.userId())
        .put("name", message.displayName())
        .put("locale", message.languageCode())
        .put("text", message.text())
        .put("payload", message.buttonPayload())
        .put("form", DataObject.fromJson(formJson(message.form())))
        .put("command", message.isCommandCall() ? commandJson(message.command()) : null)
        .put("ephemeral", ephemeral)
        .put("token", event.getToken())
        .put("at", System.currentTimeMillis());
    long turn = store(event.getId(), message.chatId(), stored);
    try {
      workers.execute(() -> {
        if (deliver(hook, ephemeral, handle(message))) {
          finish(turn);
        }
      });
    } catch (RejectedExecutionException e) {
      // the queue has no bound, so only a bot shutting down refuses; on the gateway thread:
      // queue, never block it
      hook.editOriginal(MessageEditData.fromCreateData(Render.notice(RESTARTING))).queue(null, failure("reply"));
    }
  }

  /**
   * Sends the replies through the hook in order. The deferred placeholder becomes the first
   * message of matching visibility; private replies to a public command go as ephemeral
   * follow-ups, and an unused placeholder is removed.
   */
  private static boolean deliver(InteractionHook hook, boolean deferredEphemeral, List<Reply> replies) {
    return deliverSafely(() -> deliverOrFail(hook, deferredEphemeral, replies));
  }

  private static void deliverOrFail(InteractionHook hook, boolean deferredEphemeral,
      List<Reply> replies) {
    boolean originalUsed = false;
    String disclaimer = Render.disclaimerOf(replies);
    for (Reply reply : replies) {
      boolean ephemeral = deferredEphemeral || reply.privateToAsker();
      for (MessageCreateData data : Render.messages(reply, disclaimer)) {
        if (!originalUsed && ephemeral == deferredEphemeral) {
          hook.editOriginal(MessageEditData.fromCreateData(data)).complete();
          originalUsed = true;
        } else {
          hook.sendMessage(data).setEphemeral(ephemeral).complete();
        }
      }
    }
    if (!originalUsed) {
      hook.deleteOriginal().complete();
    }
  }

  // ---- messages: DMs, and guild messages that mention the bot

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    User author = event.getAuthor();
    if (author.isBot() || author.isSystem() || event.isWebhookMessage()) {
      return;
    }
    Message message = event.getMessage();
    if (message.getType() != MessageType.DEFAULT && message.getType() != MessageType.INLINE_REPLY) {
      return;
    }
    ChatType type;
    String text;
    if (event.isFromGuild()) {
      // without the message-content intent Discord only gives us content that mentions us;
      // check the mention first so we never read (or warn about) anything else
      SelfUser self = event.getJDA().getSelfUser();
      if (!message.getMentions().isMentioned(self, Message.MentionType.USER)) {
        return;
      }
      type = ChatType.GROUP;
      text = stripMention(message.getContentRaw(), self.getId());
    } else if (event.isFromType(ChannelType.PRIVATE)) {
      type = ChatType.PRIVATE;
      text = message.getContentRaw().strip();
    } else {
      return;
    }
    Message.Attachment longText = text.isEmpty() && type == ChatType.PRIVATE ? longTextOf(message) : null;
    // a file in a DM goes to the core, which fetches only a moderator's (for import)
    Message.Attachment upload = longText == null && type == ChatType.PRIVATE
        && !message.getAttachments().isEmpty() ? message.getAttachments().get(0) : null;
    MessageChannel channel = event.getChannel();
    if (!accepting) {
      // a message for us while shutting down: say so rather than leave it unanswered
      channel.sendMessage(Render.notice(RESTARTING)).queue(null, failure("reply"));
      return;
    }
    String typed = text;
    long replyTo = message.getIdLong();
    DataObject stored = DataObject.empty().put("kind", "message")
        .put("channel", channel.getId())
        .put("chatType", type.name())
        .put("user", author.getId())
        .put("name", author.getEffectiveName())
        .put("text", typed)
        .put("longText", longText == null ? null : longText.getUrl())
        .put("file", upload == null ? null : upload.getUrl())
        .put("fileName", upload == null ? null : upload.getFileName())
        .put("fileType", upload == null ? null : upload.getContentType())
        .put("fileSize", upload == null ? -1 : upload.getSize())
        .put("replyTo", replyTo);
    long turn = store(message.getId(), channel.getId(), stored);
    try {
      workers.execute(() -> {
        // the download happens here, off the gateway thread
        String said = longText != null ? read(longText) : typed;
        IncomingMessage incoming = upload != null
            ? IncomingMessage.file(Platform.DISCORD, channel.getId(), type, author.getId(),
                author.getEffectiveName(), typed, new IncomingFile(upload.getFileName(),
                    upload.getContentType(), upload.getSize(), MAX_ATTACHMENT_BYTES,
                    () -> fetch(upload)))
            : new IncomingMessage(Platform.DISCORD, channel.getId(), type, author.getId(),
                author.getEffectiveName(), null, said.isEmpty() ? "/help" : said, null, Map.of());
        if (send(channel, replyTo, () -> author.openPrivateChannel().complete(), type,
            handle(incoming))) {
          finish(turn);
        }
      });
    } catch (RejectedExecutionException e) {
      channel.sendMessage(Render.notice(RESTARTING)).queue(null, failure("reply"));
    }
  }

  /**
   * Discord's client sends a message longer than the user may type (2,000 characters, 4,000 with
   * Nitro) as a file named {@code message.txt} with no content. The text is the message, so the
   * core reads it like any other; a long emergency is the case that matters.
   */
  static Message.Attachment longTextOf(Message message) {
    for (Message.Attachment a : message.getAttachments()) {
      if (LONG_TEXT_FILE.equals(a.getFileName()) && a.getSize() <= LONG_TEXT_MAX_BYTES) {
        return a;
      }
    }
    return null;
  }

  /** The attachment's text, or "" when it cannot be fetched (the core then shows its help). */
  private static String read(Message.Attachment attachment) {
    try (InputStream in = attachment.getProxy().download().get(30, TimeUnit.SECONDS)) {
      return new String(in.readNBytes(LONG_TEXT_MAX_BYTES), StandardCharsets.UTF_8).strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warn("Could not read a long message sent as a file: {}", describe(e));
      return "";
    }
  }

  /** A file a moderator sent, through JDA's attachment proxy (the CDN, with JDA's client). */
  private static InputStream fetch(Message.Attachment attachment) throws IOException {
    try {
      return attachment.getProxy().download().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching the file");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("Discord did not hand out the file (" + describe(
          e.getCause() == null ? e : e.getCause()) + ")");
    }
  }

  static String stripMention(String content, String selfId) {
    return content.replaceAll("<@!?" + Pattern.quote(selfId) + ">", " ").strip();
  }

  private static boolean send(MessageChannel channel, long replyTo,
      Supplier<MessageChannel> dm, ChatType type, List<Reply> replies) {
    return deliverSafely(() -> sendOrFail(channel, replyTo, dm, type, replies));
  }

  private static void sendOrFail(MessageChannel channel, Long replyTo,
      Supplier<MessageChannel> dm, ChatType type, List<Reply> replies) {
    boolean first = true;
    String disclaimer = Render.disclaimerOf(replies);
    for (Reply reply : replies) {
      boolean viaDm = reply.privateToAsker() && type == ChatType.GROUP;
      for (MessageCreateData data : Render.messages(reply, disclaimer)) {
        if (viaDm) {
          try {
            dm.get().sendMessage(data).complete();
          } catch (ErrorResponseException e) {
            LOG.info("Could not send a private reply: {}", describe(e));
            MessageCreateAction note = channel.sendMessage(Render.notice(DM_CLOSED));
            if (replyTo != null) {
              note = note.setMessageReference(replyTo).failOnInvalidReply(false)
                  .mentionRepliedUser(false);
            }
            note.complete();
            break;
          }
          continue;
        }
        MessageCreateAction action = channel.sendMessage(data);
        if (first && type == ChatType.GROUP && replyTo != null) {
          action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(false);
        }
        action.complete();
        first = false;
      }
    }
  }

  // ---- the mailbox: store on receipt, done after the replies, resume after a crash

  /** Stores the event; its turn id, or 0 when the database failed (it is still answered now). */
  private long store(String eventId, String channelId, DataObject event) {
    try {
      List<Mailbox.Turn> stored = mailbox.receive(Platform.DISCORD,
          List.of(new Mailbox.Arrival(eventId, channelId, event.toString())), null, null);
      return stored.isEmpty() ? 0 : stored.get(0).id();
    } catch (RuntimeException e) {
      LOG.error("A Discord event could not be stored; answering it without: {}", e.getMessage());
      return 0;
    }
  }

  /** Marks the turn done, unless its worker was stopped (then the next start answers it). */
  private void finish(long turn) {
    if (turn == 0 || Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      mailbox.finish(turn, List.of());
    } catch (RuntimeException e) {
      LOG.error("A Discord turn could not be marked done: {}", e.getMessage());
    }
  }

  /** Answers the turns an earlier run stored and did not finish. */
  private void resume(JDA jda) {
    List<Mailbox.Turn> turns;
    try {
      turns = mailbox.unfinished(Platform.DISCORD);
    } catch (RuntimeException e) {
      LOG.error("Stored Discord turns could not be read: {}", e.getMessage());
      return;
    }
    if (!turns.isEmpty()) {
      LOG.info("Resuming {} stored Discord turns", turns.size());
    }
    answerStored(jda, turns);
  }

  /**
   * A replica that shares the mailbox renews its claims on its turns, or another one takes them
   * over as a dead replica's; and takes over, as they come, the turns of replicas that died.
   */
  private void startSweeping(JDA jda) {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "faqbot-discord-claims");
      t.setDaemon(true);
      return t;
    });
    sweeper = s;
    if (!accepting) {
      s.shutdownNow();
      return;
    }
    long every = Mailbox.CLAIM_RENEWAL.toMillis();
    s.scheduleWithFixedDelay(() -> keepClaimsAndAdopt(jda), every, every, TimeUnit.MILLISECONDS);
  }

  private void keepClaimsAndAdopt(JDA jda) {
    if (!accepting) {
      return;
    }
    try {
      mailbox.renewClaims();
      JDA live = live(jda);
      if (live == null) {
        return; // no shard runs here now: adopting waits for one (or another replica does)
      }
      List<Mailbox.Turn> orphans = mailbox.orphanedTurns(Platform.DISCORD);
      if (!orphans.isEmpty()) {
        LOG.info("Adopting {} Discord turns of a replica that stopped", orphans.size());
      }
      answerStored(live, orphans);
    } catch (RuntimeException e) {
      LOG.warn("Could not renew the mailbox claims: {}", e.getMessage());
    }
  }

  /**
   * A session to send through now: the one given, or with shards one this replica still runs
   * (the first to be ready may have moved to another replica since); null when none runs.
   */
  static JDA live(JDA jda) {
    net.dv8tion.jda.api.sharding.ShardManager manager = jda.getShardManager();
    if (manager == null) {
      return jda;
    }
    return manager.getShards().stream().findFirst().orElse(null);
  }

  private void answerStored(JDA jda, List<Mailbox.Turn> turns) {
    for (Mailbox.Turn turn : turns) {
      try {
        workers.execute(() -> {
          if (resumeTurn(jda, turn)) {
            finish(turn.id());
          }
        });
      } catch (RejectedExecutionException e) {
        return; // stopping: they stay stored
      }
    }
  }

  /** True when the turn is settled: answered, or refused by Discord for good. */
  private boolean resumeTurn(JDA jda, Mailbox.Turn turn) {
    DataObject d;
    try {
      d = DataObject.fromJson(turn.payload());
    } catch (RuntimeException e) {
      LOG.warn("An unreadable stored Discord turn is skipped");
      return true;
    }
    ChatType type = ChatType.valueOf(d.getString("chatType"));
    String userId = d.getString("user");
    String text = d.getString("text", "");
    if (d.getString("kind").equals("message") && !d.isNull("longText")) {
      text = download(d.getString("longText"));
    }
    Map<String, String> form = new LinkedHashMap<>();
    d.optObject("form").ifPresent(f -> f.keys().forEach(k -> form.put(k, f.getString(k))));
    IncomingMessage incoming;
    boolean ephemeral = d.getBoolean("ephemeral", false);
    if (!d.isNull("command")) {
      incoming = IncomingMessage.command(Platform.DISCORD, d.getString("channel"), type, userId,
          d.getString("name", null), d.getString("locale", null), commandOf(d.getObject("command")),
          ephemeral);
    } else if (!d.isNull("file")) {
      // the attachment's CDN address was stored with the turn; it is signed and lasts a day
      String url = d.getString("file");
      incoming = IncomingMessage.file(Platform.DISCORD, d.getString("channel"), type, userId,
          d.getString("name", null), text, new IncomingFile(d.getString("fileName", "file"),
              d.getString("fileType", null), d.getLong("fileSize", -1), MAX_ATTACHMENT_BYTES,
              () -> java.net.URI.create(url).toURL().openStream()));
    } else {
      incoming = new IncomingMessage(Platform.DISCORD, d.getString("channel"), type,
          userId, d.getString("name", null), d.getString("locale", null),
          text.isEmpty() && d.isNull("payload") && form.isEmpty() ? "/help" : text,
          d.getString("payload", null), form);
      if (ephemeral) {
        incoming = incoming.inPrivateExchange(); // a button or a form: answered to the caller alone
      }
    }
    List<Reply> replies = handle(incoming);
    if (d.getString("kind").equals("interaction")
        && System.currentTimeMillis() - d.getLong("at", 0) < TOKEN_LIFE.toMillis()) {
      try {
        deliverOrFail(InteractionHook.from(jda, d.getString("token")), ephemeral, replies);
        return true;
      } catch (RuntimeException e) {
        LOG.info("A resumed interaction could not be answered through its hook ({}); sending a"
            + " fresh message", describe(e));
      }
    }
    Supplier<MessageChannel> dm =
        () -> jda.openPrivateChannelById(userId).complete();
    return deliverSafely(() -> {
      MessageChannel channel = ephemeral || type == ChatType.PRIVATE ? null
          : jda.getChannelById(MessageChannel.class, d.getString("channel"));
      if (channel == null) {
        channel = dm.get();
      }
      Long replyTo = d.isNull("replyTo") ? null : d.getLong("replyTo");
      sendOrFail(channel, replyTo, dm, channel.getType() == ChannelType.PRIVATE
          ? ChatType.PRIVATE : type, replies);
    });
  }

  private static String download(String url) {
    try (InputStream in = java.net.URI.create(url).toURL().openStream()) {
      return new String(in.readNBytes(LONG_TEXT_MAX_BYTES), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not read a long message sent as a file: {}", describe(e));
      return "";
    }
  }

  /** A typed call as stored with its turn: the values keep their JSON types (strings, numbers). */
  private static DataObject commandJson(CommandCall call) {
    DataObject arguments = DataObject.empty();
    call.arguments().forEach(arguments::put);
    return DataObject.empty().put("name", call.name()).put("arguments", arguments);
  }

  private static CommandCall commandOf(DataObject stored) {
    return new CommandCall(stored.getString("name"), stored.getObject("arguments").toMap());
  }

  private static String formJson(Map<String, String> form) {
    DataObject o = DataObject.empty();
    form.forEach(o::put);
    return o.toString();
  }

  // ---- shared

  private List<Reply> handle(IncomingMessage message) {
    try {
      return core.handle(message);
    } catch (RuntimeException e) {
      // the core promises not to throw; if it does, the user still gets an answer
      LOG.error("The core failed on a Discord message", e);
      return List.of(Reply.builder().add(faqbot.core.Part.paragraph(FAILED)).privateToAsker(true).build());
    }
  }

  /**
   * True when the replies went out or Discord refused them for good (a closed DM, a deleted
   * channel); false when the sending was cut short (network, shutdown), so that the turn stays
   * in the mailbox for the next start.
   */
  private static boolean deliverSafely(Runnable sending) {
    try {
      sending.run();
      return true;
    } catch (ErrorResponseException e) {
      LOG.warn("Discord refused a reply: {}", describe(e));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Sending a reply to Discord failed: {}", describe(e));
      return false;
    }
  }

  private static Consumer<Throwable> failure(String what) {
    return error -> LOG.warn("Could not {}: {}", what, describe(error));
  }

  /** Error text for logs: the class and Discord's meaning, which never include the token. */
  static String describe(Throwable error) {
    if (error instanceof ErrorResponseException) {
      ErrorResponseException e = (ErrorResponseException) error;
      return "Discord error " + e.getErrorCode() + " (" + e.getMeaning() + ")";
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}

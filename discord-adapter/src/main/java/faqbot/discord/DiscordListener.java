package faqbot.discord;

import faqbot.core.ChatCore;
import faqbot.core.ChatType;
import faqbot.core.IncomingMessage;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Discord events into core messages and the core's replies back into Discord calls.
 * Runs on JDA's gateway thread, so it only acknowledges and hands the work to {@code workers}:
 * every interaction is acknowledged at once (Discord allows 3 seconds), the answer follows
 * through the interaction hook.
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

  private final ChatCore core;
  private final ExecutorService workers;
  private final OptionalLong guildId;
  private final List<SlashCommandData> commands;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile boolean accepting = true;

  DiscordListener(ChatCore core, ExecutorService workers, OptionalLong guildId, List<SlashCommandData> commands) {
    this.core = core;
    this.workers = workers;
    this.guildId = guildId;
    this.commands = commands;
  }

  CountDownLatch readyLatch() {
    return ready;
  }

  void stopAccepting() {
    accepting = false;
  }

  // ---- session: register the command set once per process (shard 0 owns global commands)

  @Override
  public void onReady(ReadyEvent event) {
    try {
      registerGlobally(event.getJDA());
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
    String name = event.getName();
    String sub = event.getSubcommandName();
    if (SlashCommands.opensForm(name, sub)
        && core.roleOf(Platform.DISCORD, event.getUser().getId()).atLeast(Role.MODERATOR)) {
      // showing the form is the acknowledgement; the core checks the role again on submission.
      // Anyone else falls through to "/add" below, which the core refuses and logs.
      event.replyModal(SlashCommands.addForm()).queue(null, failure("show the add form"));
      return;
    }
    Map<String, String> options = new HashMap<>();
    for (OptionMapping o : event.getOptions()) {
      options.put(o.getName(), o.getAsString());
    }
    Optional<String> text = SlashCommands.toCoreText(name, sub, options);
    if (text.isEmpty()) {
      event.reply(UNKNOWN_COMMAND).setEphemeral(true).setAllowedMentions(List.of()).queue(null, failure("reply"));
      return;
    }
    boolean ephemeral = SlashCommands.isPrivate(name);
    answerLater(event, ephemeral, message(event, ephemeral, text.get(), null, Map.of()));
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
    answerLater(event, true, message(event, true, "", payload, Map.of()));
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
    answerLater(event, true, message(event, true, "/add", null, form));
  }

  private boolean refuseWhileStopping(IReplyCallback event) {
    if (accepting) {
      return false;
    }
    event.reply(RESTARTING).setEphemeral(true).queue(null, failure("reply"));
    return true;
  }

  /**
   * An ephemeral exchange counts as a private chat even in a server channel: nobody else sees the
   * command or its answer, which is what the core's private-chat rule for staff commands protects.
   */
  private static IncomingMessage message(IReplyCallback event, boolean ephemeral, String text, String payload,
      Map<String, String> form) {
    User user = event.getUser();
    ChatType type = ephemeral || event.getChannelType() == ChannelType.PRIVATE ? ChatType.PRIVATE : ChatType.GROUP;
    return new IncomingMessage(Platform.DISCORD, event.getChannelId(), type, user.getId(),
        user.getEffectiveName(), event.getUserLocale().getLocale(), text, payload, form);
  }

  private void answerLater(IReplyCallback event, boolean ephemeral, IncomingMessage message) {
    event.deferReply(ephemeral).queue(null, failure("acknowledge an interaction"));
    InteractionHook hook = event.getHook();
    try {
      workers.execute(() -> deliver(hook, ephemeral, handle(message)));
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
  private static void deliver(InteractionHook hook, boolean deferredEphemeral, List<Reply> replies) {
    deliverSafely(() -> {
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
    });
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
    MessageChannel channel = event.getChannel();
    if (!accepting) {
      // a message for us while shutting down: say so rather than leave it unanswered
      channel.sendMessage(Render.notice(RESTARTING)).queue(null, failure("reply"));
      return;
    }
    String typed = text;
    long replyTo = message.getIdLong();
    try {
      workers.execute(() -> {
        // the download happens here, off the gateway thread
        String said = longText != null ? read(longText) : typed;
        IncomingMessage incoming = new IncomingMessage(Platform.DISCORD, channel.getId(), type,
            author.getId(), author.getEffectiveName(), null, said.isEmpty() ? "/help" : said, null, Map.of());
        send(channel, replyTo, author, type, handle(incoming));
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

  static String stripMention(String content, String selfId) {
    return content.replaceAll("<@!?" + Pattern.quote(selfId) + ">", " ").strip();
  }

  private static void send(MessageChannel channel, long replyTo, User author, ChatType type, List<Reply> replies) {
    deliverSafely(() -> {
      boolean first = true;
      String disclaimer = Render.disclaimerOf(replies);
      for (Reply reply : replies) {
        boolean viaDm = reply.privateToAsker() && type == ChatType.GROUP;
        for (MessageCreateData data : Render.messages(reply, disclaimer)) {
          if (viaDm) {
            try {
              author.openPrivateChannel().flatMap(dm -> dm.sendMessage(data)).complete();
            } catch (ErrorResponseException e) {
              LOG.info("Could not send a private reply: {}", describe(e));
              channel.sendMessage(Render.notice(DM_CLOSED)).setMessageReference(replyTo)
                  .failOnInvalidReply(false).mentionRepliedUser(false).complete();
              break;
            }
            continue;
          }
          MessageCreateAction action = channel.sendMessage(data);
          if (first && type == ChatType.GROUP) {
            action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(false);
          }
          action.complete();
          first = false;
        }
      }
    });
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

  private static void deliverSafely(Runnable sending) {
    try {
      sending.run();
    } catch (RuntimeException e) {
      LOG.warn("Sending a reply to Discord failed: {}", describe(e));
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

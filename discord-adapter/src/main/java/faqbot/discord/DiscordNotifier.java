package faqbot.discord;

import faqbot.core.Notifier;
import faqbot.core.Reply;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the core's notifications ("your question was answered") as direct messages. */
final class DiscordNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);

  private final Supplier<JDA> jda;

  DiscordNotifier(Supplier<JDA> jda) {
    this.jda = jda;
  }

  /** Blocks until Discord accepted the message; the core calls it from its own threads. */
  @Override
  public boolean notify(String userId, String chatId, Reply reply) {
    try {
      PrivateChannel dm = jda.get().openPrivateChannelById(userId).complete();
      for (MessageCreateData data : Render.messages(reply)) {
        dm.sendMessage(data).complete();
      }
      return true;
    } catch (ErrorResponseException e) {
      // typically 50007: the user closed DMs or left every server we share
      LOG.info("Discord refused a notification: {}", DiscordListener.describe(e));
      return false;
    } catch (RuntimeException e) {
      LOG.warn("Sending a notification failed: {}", DiscordListener.describe(e));
      return false;
    }
  }
}

package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Mailbox;
import faqbot.core.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/**
 * On a mailbox that replicas share, a Discord replica keeps its own claims alive and answers the
 * turns a dead replica stored and never answered, once each, even when it runs none of shard 0.
 * The mailbox here is the core's own in-memory one, seen as shared: which turns are orphaned is
 * the store's rule (tested in bot-core against PostgreSQL); this tests what the adapter does.
 */
class ReplicaAdoptionTest {
  private static final Duration WAIT = Duration.ofSeconds(40);

  /**
   * A shared mailbox as a live replica sees it: the dead replica's turns are still under its
   * lease when this one starts, and become orphans only after this replica renewed its claims.
   */
  static final class SharedMailbox implements Mailbox {
    final Mailbox store = Mailbox.inMemory();
    final AtomicInteger renewals = new AtomicInteger();

    @Override
    public boolean shared() {
      return true;
    }

    @Override
    public void renewClaims() {
      renewals.incrementAndGet();
    }

    @Override
    public List<Turn> unfinished(Platform platform) {
      return List.of();
    }

    @Override
    public List<Turn> orphanedTurns(Platform platform) {
      return renewals.get() == 0 ? List.of() : store.unfinished(platform);
    }

    @Override
    public List<Turn> receive(Platform platform, List<Arrival> arrivals, String cursorName,
        Long cursor) {
      return store.receive(platform, arrivals, cursorName, cursor);
    }

    @Override
    public OptionalLong cursor(Platform platform, String cursorName) {
      return store.cursor(platform, cursorName);
    }

    @Override
    public List<Outgoing> finish(long turnId, List<Outgoing> replies) {
      return store.finish(turnId, replies);
    }

    @Override
    public List<Outgoing> post(Platform platform, List<Outgoing> messages) {
      return store.post(platform, messages);
    }

    @Override
    public List<Outgoing> undelivered(Platform platform) {
      return store.undelivered(platform);
    }

    @Override
    public void delivered(long outgoingId) {
      store.delivered(outgoingId);
    }

    @Override
    public void refused(long outgoingId) {
      store.refused(outgoingId);
    }
  }

  static final class SharedCore extends HandshakeTest.EchoCore {
    final SharedMailbox mailbox = new SharedMailbox();

    @Override
    public Mailbox mailbox() {
      return mailbox;
    }
  }

  @Test
  void aReplicaOnOtherShardsAnswersTheTurnsOfADeadReplicaOnce() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      SharedCore core = new SharedCore();
      String dmChannel = FakeDiscord.str(FakeDiscord.dmChannelOf(FakeDiscord.PATIENT));
      int orphans = 3;
      for (int i = 0; i < orphans; i++) {
        // as the dead replica stored them: DMs it received and never answered
        core.mailbox.store.receive(Platform.DISCORD, List.of(new Mailbox.Arrival(
            "dead-" + i, dmChannel, DataObject.empty().put("kind", "message")
                .put("channel", dmChannel).put("chatType", "PRIVATE")
                .put("user", FakeDiscord.str(FakeDiscord.PATIENT)).put("name", "user")
                .put("text", "left behind " + i).put("form", DataObject.empty())
                .put("at", System.currentTimeMillis()).toString())), null, null);
      }
      Map<String, String> env = discord.env();
      env.put("DISCORD_SHARD_TOTAL", "4");
      env.put("DISCORD_SHARDS", "1-2");
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(), core);
      try {
        assertTrue(bot.awaitReady(WAIT));
        String dm = "channels/" + dmChannel + "/messages";
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Mailbox.Turn> left = core.mailbox.store.unfinished(Platform.DISCORD);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
          left = core.mailbox.store.unfinished(Platform.DISCORD);
        }
        assertEquals(List.of(), left, "the dead replica's turns are answered and marked done");
        assertTrue(core.mailbox.renewals.get() >= 1, "its own claims are renewed");
        for (int i = 0; i < orphans; i++) {
          String echo = "echo: left behind " + i + "\"";
          long sent = discord.calls().stream().filter(c -> c.is("POST", dm) && c.json() != null
              && c.json().toString().contains(echo)).count();
          assertEquals(1, sent, "left behind " + i + " answered once: " + discord.calls());
        }
      } finally {
        bot.close();
      }
    }
  }
}

package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.IncomingMessage;
import faqbot.core.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The adapter never turns a message away by itself while it runs, and never leaves one for it
 * unanswered while it stops: what a message gets is the core's decision.
 */
class NeverRefusedTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aCrowdOfTurnsQueuesInsteadOfBeingRefused() throws Exception {
    ExecutorService workers = DiscordBot.newWorkers();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    try {
      // every worker busy, then far more turns than the old bound of 500: each one must still
      // reach the core, where an emergency among them gets its guidance
      int turns = 2_000;
      for (int i = 0; i < turns; i++) {
        workers.execute(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ran.incrementAndGet();
        });
      }
      release.countDown();
      workers.shutdown();
      assertTrue(workers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(turns, ran.get());
    } finally {
      release.countDown();
      workers.shutdownNow();
    }
  }

  /** Holds the turn whose text is "hold" until released. */
  static final class HoldingCore extends HandshakeTest.EchoCore {
    final CountDownLatch holding = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public List<Reply> handle(IncomingMessage message) {
      if (message.text().equals("hold")) {
        holding.countDown();
        try {
          release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return super.handle(message);
    }
  }

  @Test
  void aDirectMessageWhileStoppingIsToldSoInsteadOfIgnored() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      HoldingCore core = new HoldingCore();
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), core);
      Thread closing = new Thread(bot::close, "closing");
      try {
        assertTrue(bot.awaitReady(WAIT));
        // a turn in progress keeps the bot draining, with the gateway still open
        discord.directMessage(FakeDiscord.PATIENT, "hold");
        assertTrue(core.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        closing.start();
        Thread.sleep(500); // close() stops accepting first, then waits for the held turn

        int mark = discord.mark();
        discord.directMessage(FakeDiscord.PATIENT_2, "I can't breathe and my chest hurts");
        String dm = Pattern.quote("channels/" + FakeDiscord.str(FakeDiscord.dmChannelOf(FakeDiscord.PATIENT_2))
            + "/messages");
        FakeDiscord.Call notice = discord.await(mark, c -> c.is("POST", dm), WAIT);
        assertEquals(DiscordListener.RESTARTING, notice.json().getString("content").replace("\\", ""));
        assertTrue(core.seen.stream().noneMatch(m -> m.userId().equals(FakeDiscord.str(FakeDiscord.PATIENT_2))),
            "the core is not asked once the bot is stopping");
      } finally {
        core.release.countDown();
        if (closing.getState() == Thread.State.NEW) {
          bot.close();
        }
        closing.join(WAIT.toMillis());
      }
    }
  }
}

package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.IncomingMessage;
import faqbot.core.Mailbox;
import faqbot.core.Platform;
import faqbot.core.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Discord never sends a gateway event again, so a crash in the middle of a burst must not lose
 * the turns it received: a second bot on the same mailbox answers each of them once, a DM by a
 * fresh message and an interaction whose token is still valid through its own hook.
 */
class RestartTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Echoes slowly, so that a burst is still being answered when the bot stops. */
  static final class SlowCore extends HandshakeTest.EchoCore {
    final Mailbox mailbox = Mailbox.inMemory();
    final AtomicInteger handled = new AtomicInteger();

    @Override
    public List<Reply> handle(IncomingMessage message) {
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      handled.incrementAndGet();
      return super.handle(message);
    }

    @Override
    public Mailbox mailbox() {
      return mailbox;
    }
  }

  @Test
  void aBurstCutShortByACrashIsAnsweredOnceAfterTheRestart() throws Exception {
    int burst = 30;
    try (FakeDiscord discord = new FakeDiscord()) {
      SlowCore core = new SlowCore();
      DiscordSettings settings = DiscordSettings.fromEnvironment(discord.env()).orElseThrow();
      DiscordBot first = DiscordBot.start(settings, core);
      assertTrue(first.awaitReady(WAIT));
      for (int i = 0; i < burst; i++) {
        discord.directMessage(FakeDiscord.PATIENT, "burst-" + i);
      }
      // last in the queue, so still unanswered at the crash
      discord.slash(FakeDiscord.PATIENT_2, false, "ask", null, "question", "burst-ask");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (core.handled.get() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      first.halt();
      int before = core.handled.get();
      assertTrue(before < burst, "the crash came in the middle of the burst: " + before);
      // JDA's request threads outlive shutdownNow by a moment: a request already on the wire
      // still lands, so the mark waits for the fake server to go quiet
      int haltMark = quietMark(discord);

      DiscordBot second = DiscordBot.start(settings, core);
      try {
        assertTrue(second.awaitReady(WAIT));
        String dm = "channels/" + FakeDiscord.str(FakeDiscord.dmChannelOf(FakeDiscord.PATIENT))
            + "/messages";
        deadline = System.nanoTime() + WAIT.toNanos();
        List<Integer> counts;
        do {
          Thread.sleep(100);
          counts = new ArrayList<>();
          for (int i = 0; i < burst; i++) {
            String echo = "echo: burst-" + i;
            counts.add((int) discord.calls().stream()
                .filter(c -> c.is("POST", dm) && c.json() != null
                    && c.json().toString().contains(echo + "\""))
                .count());
          }
        } while (counts.contains(0) && System.nanoTime() < deadline);
        // a reply Discord took just as the crash cancelled its request cannot have been
        // recorded as sent, and is sent again: allowed, and only for requests made before it
        List<FakeDiscord.Call> all = discord.calls();
        int cutOff = 0;
        for (int i = 0; i < burst; i++) {
          String echo = "echo: burst-" + i + "\"";
          assertTrue(counts.get(i) >= 1, "burst-" + i + " lost: " + counts);
          if (counts.get(i) > 1) {
            int firstAt = -1;
            for (int k = 0; k < all.size() && firstAt < 0; k++) {
              FakeDiscord.Call c = all.get(k);
              if (c.is("POST", dm) && c.json() != null && c.json().toString().contains(echo)) {
                firstAt = k;
              }
            }
            assertTrue(counts.get(i) == 2 && firstAt < haltMark,
                "burst-" + i + " sent twice, not because of the crash: " + counts);
            cutOff++;
          }
        }
        System.out.println("RestartTest: " + burst + " DMs, crash after " + before
            + " turns: 0 lost, " + cutOff + " sent again because the crash cut off their request");
        deadline = System.nanoTime() + WAIT.toNanos();
        long viaHook;
        do {
          Thread.sleep(100);
          viaHook = discord.calls().stream().filter(c -> c.method().equals("PATCH")
              && c.path().endsWith("/messages/@original") && c.json() != null
              && c.json().toString().contains("echo: /ask burst-ask")).count();
        } while (viaHook == 0 && System.nanoTime() < deadline);
        assertEquals(1, viaHook, "the interaction is answered once, through its hook");
        // the turn is marked done just after its answer went out: give that a moment
        deadline = System.nanoTime() + WAIT.toNanos();
        List<faqbot.core.Mailbox.Turn> left = core.mailbox.unfinished(Platform.DISCORD);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
          left = core.mailbox.unfinished(Platform.DISCORD);
        }
        assertEquals(List.of(), left, "nothing left");
      } finally {
        second.close();
      }
    }
  }

  @Test
  void anInteractionWhoseTokenExpiredGetsAFreshMessage() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      SlowCore core = new SlowCore();
      long old = System.currentTimeMillis() - java.time.Duration.ofMinutes(20).toMillis();
      // as a crash 20 minutes ago left them: a private /ask in a DM, a public one in a server
      String dmChannel = FakeDiscord.str(FakeDiscord.dmChannelOf(FakeDiscord.PATIENT));
      String serverChannel = FakeDiscord.str(FakeDiscord.CHANNEL_ID);
      core.mailbox.receive(Platform.DISCORD, List.of(
          new Mailbox.Arrival("9001", dmChannel, stored(dmChannel, "PRIVATE",
              FakeDiscord.PATIENT, "/ask asked in private", true, old)),
          new Mailbox.Arrival("9002", serverChannel, stored(serverChannel, "GROUP",
              FakeDiscord.PATIENT_2, "/ask asked in public", false, old))), null, null);

      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env())
          .orElseThrow(), core);
      try {
        assertTrue(bot.awaitReady(WAIT));
        FakeDiscord.Call dm = discord.await(0, c -> c.is("POST", "channels/" + dmChannel
            + "/messages") && c.json().toString().contains("echo: /ask asked in private"), WAIT);
        FakeDiscord.Call pub = discord.await(0, c -> c.is("POST", "channels/" + serverChannel
            + "/messages") && c.json().toString().contains("echo: /ask asked in public"), WAIT);
        assertTrue(dm != null && pub != null);
        Thread.sleep(300);
        assertTrue(discord.calls().stream().noneMatch(c -> c.path().startsWith("webhooks/")),
            "an expired token is not used: " + discord.calls());
        assertTrue(discord.calls().stream().noneMatch(c -> c.is("POST", "channels/"
            + serverChannel + "/messages") && c.json().toString().contains("asked in private")),
            "a private answer never goes to the server channel");
        assertEquals(List.of(), core.mailbox.unfinished(Platform.DISCORD));
      } finally {
        bot.close();
      }
    }
  }

  private static String stored(String channel, String chatType, long user, String text,
      boolean ephemeral, long at) {
    return net.dv8tion.jda.api.utils.data.DataObject.empty().put("kind", "interaction")
        .put("channel", channel).put("chatType", chatType).put("user", FakeDiscord.str(user))
        .put("name", "user").put("text", text)
        .put("form", net.dv8tion.jda.api.utils.data.DataObject.empty())
        .put("ephemeral", ephemeral).put("token", "expired-interaction-token").put("at", at)
        .toString();
  }

  /** The fake server's mark once it has received nothing new for 300 ms (at most 5 s). */
  private static int quietMark(FakeDiscord discord) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int seen = discord.calls().size();
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      int now = discord.calls().size();
      if (now != seen) {
        seen = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(300)) {
        break;
      }
    }
    return discord.mark();
  }
}

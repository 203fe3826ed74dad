package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Mailbox;
import faqbot.core.Platform;
import faqbot.core.SendPacing;
import faqbot.core.SqliteStores;
import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * Two replicas' senders (each its own telegrambots client, pacer, outbox and database pool) on one
 * PostgreSQL, sending for one bot to the fake Bot API: the times the fake recorded must keep
 * Telegram's limits across both, as if one process sent everything. Each replica alone keeps
 * them already, so every check here fails when the replicas pace apart (the pairs of a chat go
 * out together, the bot sends twice its budget). The bot is paced as in production (27 a second),
 * shorter for a chat and a group so that the test takes seconds; tolerances cover a loaded machine
 * (a request's time at the fake is its slot plus timer and HTTP delays).
 */
class SharedPacingTest {
  static final String TOKEN = "246813579:AAH-pacing_TEST_token_0123456789abcd";
  /**
   * 250 ms per chat; 8 per 3 s in a group (a burst of 5, then one per 0.75 s); the bot's pace as
   * in production, under Telegram's 30 a second.
   */
  static final TelegramSettings.Pacing PACING = new TelegramSettings.Pacing(
      Duration.ofMillis(250), 8, Duration.ofSeconds(3),
      TelegramSettings.Pacing.TELEGRAM.perSecondOverall());
  static final long MS = 1_000_000;
  static final long TOLERANCE = 100 * MS;

  FakeBotApi api;
  String url;
  List<Database> databases = new ArrayList<>();
  List<Replica> replicas = new ArrayList<>();

  /** One replica's sending half: what TelegramBot wires, minus receiving. */
  final class Replica {
    final Mailbox mailbox = Mailbox.inMemory();
    final OkHttpClient http = new OkHttpClient();
    final Sender sender;

    Replica(SendPacing pacing, String name) {
      OkHttpTelegramClient client = new OkHttpTelegramClient(new com.fasterxml.jackson.databind.ObjectMapper(), http, TOKEN,
          TelegramBot.telegramUrl(TelegramSettings.fromEnvironment(api.env()).orElseThrow()));
      Pacer pacer = new Pacer(PACING, pacing, TelegramBot.botId(TOKEN));
      Delivery delivery = new Delivery(pacer, Pacer.Ticker.SYSTEM,
          TelegramSettings.Retry.DEFAULT, new Secrets(TOKEN), TOKEN);
      sender = new Sender(mailbox, pacer, new Sender.Transport() {
        @Override
        public Delivery.Attempt send(Mailbox.Outgoing m) {
          String[] chatAndText = m.payload().split("\n", 2);
          return delivery.once("sendMessage", chatAndText[0], chat -> client.execute(
              SendMessage.builder().chatId(chat).text(name + " " + chatAndText[1]).build()));
        }

        @Override
        public boolean group(Mailbox.Outgoing m) {
          return m.lane().startsWith("-");
        }
      }, Duration.ofMillis(100), 16);
    }

    void send(String chat, String text) {
      sender.enqueue(mailbox.post(Platform.TELEGRAM,
          List.of(Mailbox.Outgoing.draft(chat, chat + "\n" + text))));
    }

    void close() {
      sender.drain(Duration.ofSeconds(1));
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
    }
  }

  @BeforeEach
  void start() throws Exception {
    url = PostgresServer.freshUrl();
    api = new FakeBotApi(TOKEN);
    for (String name : List.of("A", "B")) {
      Database db = Database.postgresql(url, null, null);
      databases.add(db);
      replicas.add(new Replica(SqliteStores.sendPacing(db), name));
    }
  }

  @AfterEach
  void stop() throws Exception {
    replicas.forEach(Replica::close);
    databases.forEach(Database::close);
    api.close();
  }

  /** The fake's times of the successful sendMessage calls to {@code chat}, in order. */
  List<Long> times(String chat) {
    return api.calls("sendMessage").stream()
        .filter(c -> c.status == 200 && chat.equals(c.param("chat_id")))
        .map(c -> c.atNanos).sorted().collect(Collectors.toList());
  }

  /** The most of {@code times} (sorted) inside any window of {@code window} nanoseconds. */
  static int busiest(List<Long> times, long window) {
    int most = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (times.get(i) - times.get(j) >= window) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  @Test
  void twoReplicasTogetherKeepTheChatTheGroupAndTheBotLimits() throws Exception {
    // each client's first request loads classes and connects, which can take longer than the
    // gaps measured here: it goes first, alone, and is not counted
    replicas.get(0).send("1", "warm-up");
    replicas.get(1).send("2", "warm-up");
    api.await("sendMessage", 2, c -> c.status == 200, Duration.ofSeconds(30));
    int chats = 75;
    for (int i = 0; i < 6; i++) {
      for (Replica r : replicas) {
        r.send("111", "private " + i);
        r.send("-222", "group " + i);
      }
    }
    for (int i = 0; i < chats; i++) {
      for (Replica r : replicas) {
        r.send(String.valueOf(5_000 + i), "one of many");
      }
    }
    int total = 2 * (12 + chats);
    api.await("sendMessage", total + 2, c -> c.status == 200, Duration.ofSeconds(60));
    List<Long> all = api.calls("sendMessage").stream()
        .filter(c -> !c.param("text").endsWith("warm-up")).map(c -> c.atNanos).sorted()
        .collect(Collectors.toList());
    assertEquals(total, all.size());

    List<Long> chat = times("111");
    for (int i = 1; i < chat.size(); i++) {
      long gap = chat.get(i) - chat.get(i - 1);
      assertTrue(gap >= 250 * MS - TOLERANCE, "two messages to one chat " + gap / MS
          + " ms apart, within its 250 ms: " + gaps(chat));
    }
    List<Long> group = times("-222");
    assertTrue(busiest(group, 3_000 * MS - 2 * TOLERANCE) <= 8,
        "more than 8 messages in the group within 3 s: " + gaps(group));
    // Telegram's 30 a second, on average over the run and in any second at the server
    long span = all.get(all.size() - 1) - all.get(0);
    assertTrue(span >= (total - 30) * 1_000 * MS / 30, String.format(
        "%d messages in %.2f s: more than 30 a second", total, span / 1e9));
    int busiest = busiest(all, 1_000 * MS);
    assertTrue(busiest <= 30, busiest + " messages for the bot within 1 s: " + gaps(all));
    System.out.printf("SharedPacingTest: %d messages over two replicas in %.2f s (%.1f/s), at most"
        + " %d within 1 s; chat gaps %s ms; group: at most %d within 3 s%n",
        total, span / 1e9, (total - 1) / (span / 1e9), busiest, gaps(chat),
        busiest(group, 3_000 * MS));
  }

  @Test
  void aRetryAfterOnOneReplicaHoldsTheChatOnTheOther() throws Exception {
    api.tooManyRequestsNext("sendMessage", 2);
    replicas.get(0).send("333", "first");
    FakeBotApi.Call refused = api.await("sendMessage", 1, c -> c.status == 429,
        Duration.ofSeconds(10)).get(0);
    // once replica A took the 429 in (its response can take a moment), the chat's shared slot
    // lies past the retry_after: replica B's message waits for it too
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (heldFor("333") < 1_500 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    replicas.get(1).send("333", "second");
    api.await("sendMessage", 2, c -> c.status == 200 && "333".equals(c.param("chat_id")),
        Duration.ofSeconds(20));
    List<Long> sent = times("333");
    for (long at : sent) {
      assertTrue(at - refused.atNanos >= 2_000 * MS - TOLERANCE, "a message to the chat "
          + (at - refused.atNanos) / MS + " ms after Telegram asked for 2 s: " + gaps(sent));
    }
    assertTrue(sent.get(1) - sent.get(0) >= 250 * MS - TOLERANCE, gaps(sent).toString());
  }

  /** How long the chat's shared slot lies ahead, in milliseconds, by the database's clock. */
  long heldFor(String chat) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.PreparedStatement p = c.prepareStatement("SELECT next_at - (extract(epoch FROM"
            + " clock_timestamp()) * 1000000)::BIGINT FROM core_send_pacing WHERE key = ?")) {
      p.setString(1, "telegram:" + TelegramBot.botId(TOKEN) + ":" + chat);
      try (java.sql.ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) / 1_000 : 0;
      }
    }
  }

  static List<Long> gaps(List<Long> times) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add((times.get(i) - times.get(i - 1)) / MS);
    }
    return gaps;
  }
}

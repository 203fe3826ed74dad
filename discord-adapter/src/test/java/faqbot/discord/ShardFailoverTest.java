package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Leadership;
import faqbot.core.SharedLeadership;
import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * DISCORD_SHARDS=auto: two replicas (the real JDA client each, each on its own fake Discord so
 * that the gateway sessions tell which replica runs a shard) on one real PostgreSQL share 4
 * shards out 2 and 2; when one replica's database session is ended, as the server does when
 * its process dies, that replica stops its shards and the other identifies them within 30 s;
 * when it takes part again it gets its part back. At no moment is a shard's session open on
 * both: every session the fake gateways recorded is checked.
 */
class ShardFailoverTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration FAILOVER = Duration.ofSeconds(30);
  private static final Set<Integer> ALL = Set.of(0, 1, 2, 3);

  static final class ReplicaCore extends HandshakeTest.EchoCore {
    private final Leadership leadership;

    ReplicaCore(Database database) {
      this.leadership = SharedLeadership.on(database);
    }

    @Override
    public Leadership leadership() {
      return leadership;
    }
  }

  @Test
  void twoReplicasSplitTheShardsAndTakeOverThoseOfAReplicaCutFromTheDatabase() throws Exception {
    String url = PostgresServer.freshUrl();
    try (FakeDiscord gatewayA = new FakeDiscord(); FakeDiscord gatewayB = new FakeDiscord();
        Database dbA = Database.postgresql(url, null, null);
        Database dbB = Database.postgresql(url, null, null)) {
      DiscordBot a = start(gatewayA, dbA);
      DiscordBot b = start(gatewayB, dbB);
      try {
        long started = System.nanoTime();
        awaitBoth(gatewayA, gatewayB, () -> union(gatewayA, gatewayB).equals(ALL), START,
            "all 4 shards run");
        long splitMs = (System.nanoTime() - started) / 1_000_000;
        Set<Integer> ofA = gatewayA.openShards();
        Set<Integer> ofB = gatewayB.openShards();
        assertEquals(2, ofA.size(), "A runs its half: " + ofA + " / " + ofB);
        assertEquals(2, ofB.size(), "B runs its half: " + ofA + " / " + ofB);
        assertNoShardOnBoth(gatewayA, gatewayB);

        // A's session ends, as when its process dies or the server ends it
        long cut;
        try (Connection admin = dbB.openWriter(); Statement s = admin.createStatement()) {
          long pid;
          try (ResultSet r = s.executeQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
              + " AND objsubid = 2 AND objid = " + ofA.iterator().next())) {
            assertTrue(r.next(), "A's shard lock is held");
            pid = r.getLong(1);
          }
          s.execute("SELECT pg_terminate_backend(" + pid + ")");
          cut = System.nanoTime();
        }
        awaitBoth(gatewayA, gatewayB,
            () -> gatewayB.openShards().containsAll(ofA) && gatewayA.openShards().isEmpty(),
            FAILOVER, "B runs A's shards " + ofA + " and A stopped them");
        long tookMs = (System.nanoTime() - cut) / 1_000_000;
        long stoppedMs = (gatewayA.gatewaySessions().stream()
            .mapToLong(g -> g.closedAt).max().orElseThrow() - cut) / 1_000_000;
        assertNoShardOnBoth(gatewayA, gatewayB);

        // A takes part again after its pause, and B gives it its part back
        long back = System.nanoTime();
        awaitBoth(gatewayA, gatewayB, () -> gatewayA.openShards().size() == 2
            && gatewayB.openShards().size() == 2, Duration.ofSeconds(90), "2 and 2 again");
        long rebalancedMs = (System.nanoTime() - back) / 1_000_000;
        assertEquals(ALL, union(gatewayA, gatewayB));
        assertNoShardOnBoth(gatewayA, gatewayB);
        System.out.println("ShardFailoverTest: split 2/2 " + splitMs + " ms after the start;"
            + " A's session ended: A's gateway sessions closed after " + stoppedMs
            + " ms, all of A's shards identified on B after " + tookMs + " ms; 2/2 again "
            + rebalancedMs + " ms later");
      } finally {
        b.close();
        a.close();
      }
    }
  }

  private static DiscordBot start(FakeDiscord gateway, Database database) throws Exception {
    Map<String, String> env = gateway.env();
    env.put("DISCORD_SHARD_TOTAL", "4");
    env.put("DISCORD_SHARDS", "auto");
    return DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(),
        new ReplicaCore(database));
  }

  private static Set<Integer> union(FakeDiscord a, FakeDiscord b) {
    Set<Integer> all = new TreeSet<>(a.openShards());
    all.addAll(b.openShards());
    return all;
  }

  /** Each fake signals its own changes; the condition looks at both. */
  private static void awaitBoth(FakeDiscord a, FakeDiscord b,
      java.util.function.BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    a.awaitState(condition, timeout, (Object) new Object() {
      @Override
      public String toString() {
        return what + "; A: " + a.gatewaySessions() + "; B: " + b.gatewaySessions();
      }
    });
  }

  /** No two recorded sessions of one shard were open at the same time, on either replica. */
  private static void assertNoShardOnBoth(FakeDiscord a, FakeDiscord b) {
    List<FakeDiscord.GatewaySession> all = new ArrayList<>(a.gatewaySessions());
    all.addAll(b.gatewaySessions());
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        FakeDiscord.GatewaySession x = all.get(i);
        FakeDiscord.GatewaySession y = all.get(j);
        if (x.shard != y.shard) {
          continue;
        }
        long xEnd = x.open() ? Long.MAX_VALUE : x.closedAt;
        long yEnd = y.open() ? Long.MAX_VALUE : y.closedAt;
        boolean overlap = x.identifiedAt < yEnd && y.identifiedAt < xEnd;
        assertTrue(!overlap, "shard " + x.shard + " identified twice at once: " + x + " and " + y
            + "; A: " + a.gatewaySessions() + "; B: " + b.gatewaySessions());
      }
    }
  }
}

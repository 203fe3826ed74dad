package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionController;
import org.junit.jupiter.api.Test;

/**
 * Where replicas share the shards out, a shard's queued connection runs only if the shard is
 * still held when its turn comes, and a connection JDA takes back is taken out of the queue.
 */
class GatewaySessionsTest {
  private final List<Integer> connected = new CopyOnWriteArrayList<>();
  private final CountDownLatch lastRan = new CountDownLatch(1);

  private SessionController.SessionConnectNode node(int shard, boolean last) {
    return new SessionController.SessionConnectNode() {
      @Override
      public boolean isReconnect() {
        return false;
      }

      @Override
      public JDA getJDA() {
        return null;
      }

      @Override
      public JDA.ShardInfo getShardInfo() {
        return new JDA.ShardInfo(shard, 4);
      }

      @Override
      public void run(boolean isLast) {
        connected.add(shard);
        if (last) {
          lastRan.countDown();
        }
      }
    };
  }

  @Test
  void onlyShardsHeldWhenTheirTurnComesConnect() throws Exception {
    GatewaySessions sessions = new GatewaySessions("ws://127.0.0.1:1/");
    sessions.allowOnly(Set.of(0, 2));
    sessions.appendSession(node(1, false)); // lost before its turn
    SessionController.SessionConnectNode taken = node(2, false);
    sessions.appendSession(taken);
    sessions.removeSession(taken); // JDA stopped this shard while it waited
    sessions.appendSession(node(0, true));
    // one connection every IDENTIFY_DELAY (5 s): FIFO, so shard 0's run comes after the others'
    assertTrue(lastRan.await(30, TimeUnit.SECONDS), "shard 0 connected");
    assertEquals(List.of(0), connected);
  }
}

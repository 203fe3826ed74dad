package faqbot.discord;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's session controller (it paces IDENTIFYs per Discord's max_concurrency) with the gateway
 * address optionally replaced, for a gateway proxy or a test server; and, where replicas share
 * the shards out, a gate: a shard connects (and identifies) only if this replica holds it at that
 * moment. A shard's start is queued in JDA; it may have been lost by the time its turn comes.
 */
final class GatewaySessions extends ConcurrentSessionController {
  private static final Logger LOG = LoggerFactory.getLogger(GatewaySessions.class);
  private final String gatewayUrl;
  /** Null: every shard may connect (fixed shards). */
  private volatile Set<Integer> allowed;
  private final Map<SessionConnectNode, Gated> queued = new ConcurrentHashMap<>();

  /** @param gatewayUrl the ws(s) address to use, or null for the one Discord names */
  GatewaySessions(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  /** From now on only these shards may connect. */
  void allowOnly(Set<Integer> shards) {
    allowed = Set.copyOf(shards);
  }

  @Override
  public String getGateway() {
    return gatewayUrl != null ? gatewayUrl : super.getGateway();
  }

  /** Keeps Discord's recommended shard count and concurrency; only the address changes. */
  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    ShardedGateway discord = super.getShardedGateway(api);
    return gatewayUrl == null ? discord
        : new ShardedGateway(gatewayUrl, discord.getShardTotal(), discord.getConcurrency());
  }

  @Override
  public void appendSession(SessionConnectNode node) {
    Gated gated = new Gated(node);
    queued.put(node, gated);
    super.appendSession(gated);
  }

  @Override
  public void removeSession(SessionConnectNode node) {
    Gated gated = queued.remove(node);
    super.removeSession(gated != null ? gated : node);
  }

  private final class Gated implements SessionConnectNode {
    private final SessionConnectNode node;

    Gated(SessionConnectNode node) {
      this.node = node;
    }

    @Override
    public boolean isReconnect() {
      return node.isReconnect();
    }

    @Override
    public JDA getJDA() {
      return node.getJDA();
    }

    @Override
    public JDA.ShardInfo getShardInfo() {
      return node.getShardInfo();
    }

    @Override
    public void run(boolean isLast) throws InterruptedException {
      queued.remove(node, this);
      Set<Integer> only = allowed;
      int shard = node.getShardInfo().getShardId();
      if (only != null && !only.contains(shard)) {
        // the replica stops this shard's session; connecting would put it on two replicas
        LOG.info("Discord shard {} is no longer held here: not connecting it", shard);
        return;
      }
      node.run(isLast);
    }
  }
}

package faqbot.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * JDA's session controller (it paces IDENTIFYs per Discord's max_concurrency) with the gateway
 * address optionally replaced, for a gateway proxy or a test server.
 */
final class GatewaySessions extends ConcurrentSessionController {
  private final String gatewayUrl;

  /** @param gatewayUrl the ws(s) address to use, or null for the one Discord names */
  GatewaySessions(String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
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
}

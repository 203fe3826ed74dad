package faqbot.discord;

import faqbot.core.Leadership;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DISCORD_SHARDS=auto}: runs exactly the shards the core says this replica holds
 * ({@link Leadership#share}), starting and stopping them one by one in JDA's shard manager.
 * Which replica holds which shard, and when, is the core's rule; this only translates it.
 */
final class ShardSpread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardSpread.class);
  /** The core's role: one lock per shard id. */
  static final String ROLE = "discord-shards";

  private final ShardManager manager;
  private final Leadership.Shares shares;
  private final GatewaySessions sessions;
  private final ScheduledExecutorService timer;
  /** Shards this replica asked JDA to start and has not stopped. */
  private final Set<Integer> started = new TreeSet<>();
  private boolean closed;

  ShardSpread(ShardManager manager, Leadership.Shares shares, GatewaySessions sessions) {
    this.manager = manager;
    this.shares = shares;
    this.sessions = sessions;
    sessions.allowOnly(Set.of());
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "faqbot-discord-shards");
      t.setDaemon(true);
      return t;
    });
  }

  void start() {
    long every = Leadership.Shares.STEP.toMillis();
    timer.scheduleWithFixedDelay(this::step, 0, every, TimeUnit.MILLISECONDS);
  }

  private synchronized void step() {
    if (closed) {
      return;
    }
    try {
      Set<Integer> held = shares.step();
      // the gate first: a queued start of a shard lost meanwhile must not connect
      sessions.allowOnly(held);
      for (int id : new ArrayList<>(started)) {
        if (!held.contains(id)) {
          LOG.info("Stopping Discord shard {}: no longer held here", id);
          manager.shutdown(id);
          started.remove(id);
        }
      }
      // a shard stopped while JDA was still building it shows up in the cache afterwards
      for (JDA jda : List.copyOf(manager.getShards())) {
        int id = jda.getShardInfo().getShardId();
        if (!held.contains(id)) {
          manager.shutdown(id);
        }
      }
      for (int id : held) {
        if (started.add(id)) {
          LOG.info("Starting Discord shard {} of {}", id, manager.getShardsTotal());
          manager.start(id);
        }
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // JDA shuts its shard manager down for good when Discord refuses the token: the shards
      // go back to replicas that can run them
      LOG.error("Discord's shard manager has stopped (was the token revoked?); giving this"
          + " replica's shards back");
      closed = true;
      sessions.allowOnly(Set.of());
      shares.close();
    } catch (RuntimeException e) {
      LOG.warn("Could not bring the Discord shards in line with those held here: {}",
          e.toString());
    }
  }

  /** Stops following the shares; the caller stops the shards, then {@link #release}s them. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      sessions.allowOnly(Set.of());
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Gives the shards back for other replicas, once their sessions here are closed. */
  void release() {
    shares.close();
  }
}

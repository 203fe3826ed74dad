package faqbot.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key (a chat) and in parallel across keys, so each chat sees its
 * replies in the order it asked while one slow chat (waiting out a rate limit) holds up no other.
 */
final class Lanes {
  private static final Logger log = LoggerFactory.getLogger(Lanes.class);

  private final ExecutorService pool;
  private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();
  private int pending;
  private boolean closed;

  Lanes(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
  }

  /** Queues a task behind the key's earlier ones; false once {@link #drain} has begun. */
  boolean submit(String key, Runnable task) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      pending++;
      ArrayDeque<Runnable> queue = queues.get(key);
      if (queue != null) {
        queue.addLast(task);
        return true;
      }
      queues.put(key, new ArrayDeque<>());
    }
    pool.execute(() -> runLane(key, task));
    return true;
  }

  private void runLane(String key, Runnable first) {
    Runnable task = first;
    while (task != null) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("update handling failed: {}", e.getClass().getName(), e);
      }
      synchronized (this) {
        pending--;
        notifyAll();
        ArrayDeque<Runnable> queue = queues.get(key);
        task = queue.pollFirst();
        if (task == null) {
          queues.remove(key);
        }
      }
    }
  }

  /** Stops taking tasks and waits for the queued ones; true when all finished in time. */
  boolean drain(Duration timeout) {
    synchronized (this) {
      closed = true;
      Waits.until(this, () -> pending == 0, timeout);
    }
    pool.shutdown();
    synchronized (this) {
      return pending == 0;
    }
  }

  /**
   * Stops taking tasks, drops the queued ones that have not started (their turns are stored and
   * resume on the next start) and waits up to {@code timeout} for the running ones; true when
   * they finished in time.
   */
  boolean stop(Duration timeout) {
    synchronized (this) {
      closed = true;
      for (ArrayDeque<Runnable> queue : queues.values()) {
        pending -= queue.size();
        queue.clear();
      }
    }
    return drain(timeout);
  }

  synchronized int pending() {
    return pending;
  }
}

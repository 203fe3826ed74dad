package faqbot.knowledge;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Numbered locks of one name (0, 1, 2 ...) that the processes sharing a database divide among
 * themselves, such as Discord shards, and who takes part. Everything is held on one connection
 * of this process's own: when it ends (the process died, or the server ended its session) the
 * server frees all of it at once, and this process can no longer be sure of holding anything.
 * Opened with {@link Database#joinNumberedLocks}.
 */
public interface NumberedLocks extends AutoCloseable {

  /**
   * Who holds what as the database sees it now: the sessions taking part (this one's is
   * {@code self}) and, for each number held, the session holding it.
   */
  record View(long self, Set<Long> members, Map<Integer, Long> holders) {
    public View {
      members = Set.copyOf(members);
      holders = Map.copyOf(holders);
    }
  }

  /**
   * Looks at who holds what; this also proves the connection still holds this process's locks.
   *
   * @throws IOException once the connection broke: everything it held may be someone else's now
   */
  View look() throws IOException;

  /** Takes {@code number} if no session holds it; false when one does. */
  boolean tryTake(int number) throws IOException;

  /** Gives {@code number} back. */
  void release(int number) throws IOException;

  /** Gives everything back and leaves (closes the connection). */
  @Override
  void close();
}

package faqbot.core;

import java.time.Instant;

/** Port: deleting what is stored about patients, on request and after the retention period. */
interface Retention {

  /** What replaces a forgotten asker's words where the record itself must stay. */
  String FORGOTTEN = "[removed at the asker's request]";

  /**
   * Deletes what is stored about one user: log rows, notification requests (with the platform
   * ids they hold), and their words in queue items of any state. An item only they asked is
   * deleted; an item others asked too keeps its count but takes another asker's logged words
   * (the stored text is the first asker's, who may be this user), or {@link #FORGOTTEN} when none
   * is logged any more. The audit trail's copies of those words (answer, dismiss, link) go the
   * same way. Staff roles stay (they are not patient data and are needed for access).
   *
   * @return log rows deleted
   */
  int forget(String userKey);

  /**
   * Deletes log rows, closed queue items and askers' records older than {@code cutoff}.
   *
   * @return log rows deleted
   */
  int purgeBefore(Instant cutoff);
}

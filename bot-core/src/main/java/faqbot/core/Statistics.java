package faqbot.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Port: figures over the interaction log and the queue, for {@code /stats} and the dashboard.
 * Entries are named through {@code titles} (an entry id to its title), which the knowledge base
 * owns.
 */
interface Statistics {

  /** Statistics over interactions whose time is in [from, to). */
  Admin.Stats stats(Instant from, Instant to, LongFunction<String> titles);

  /** The dashboard's overview of interactions in [from, to). */
  Admin.Overview overview(Instant from, Instant to, Duration bucket);

  /**
   * How often entries were shown as the answer since {@code since} and the feedback they got, the
   * most "not helpful" first; only the given entries when {@code entryIds} is not null.
   */
  List<Admin.EntryUsage> entryUsage(Instant since, Collection<Long> entryIds, int limit,
      LongFunction<String> titles);

  /**
   * The kind of emergency a rule id names: its first part after an optional language prefix
   * ("breathing.choking" and "es.breathing.x" are "breathing").
   */
  static String emergencyFamily(String ruleId) {
    if (ruleId == null || ruleId.isEmpty()) {
      return "unknown";
    }
    String r = ruleId;
    if (r.length() > 3 && r.charAt(2) == '.' && r.indexOf('.', 3) > 0) {
      r = r.substring(3);
    }
    int dot = r.indexOf('.');
    return dot > 0 ? r.substring(0, dot) : r;
  }
}

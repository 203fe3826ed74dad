package faqbot.core;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Admin queries over the interaction log, statistics and audit trail: the same code the chat
 * commands {@code /logs}, {@code /stats}, {@code /export} and {@code /audit} use, for the
 * command line. Obtained from {@link BotCore#admin()}. Database failures surface as
 * {@link java.io.UncheckedIOException}.
 */
public final class Admin {
  private final CoreStore store;

  Admin(CoreStore store) {
    this.store = store;
  }

  /** Recent interactions, newest first. */
  public List<LogRecord> logs(LogQuery query) {
    return store.logs(query);
  }

  /** Statistics over interactions whose time is in [from, to). */
  public Stats stats(Instant from, Instant to) {
    return store.stats(from, to);
  }

  /** Writes the matching interactions as CSV (header line first), oldest first. */
  public void exportLogsCsv(LogQuery query, Writer out) throws IOException {
    store.exportLogsCsv(query, out);
  }

  /** Writes the statistics as CSV: one {@code section,key,value} row per figure. */
  public void exportStatsCsv(Stats stats, Writer out) throws IOException {
    Csv.writeStats(stats, out);
  }

  /** Moderator and admin actions, newest first. */
  public List<AuditRecord> audit(int limit) {
    return store.audit(limit);
  }

  /**
   * Deletes interactions and closed queue items older than the retention period.
   *
   * @return how many log rows were deleted
   */
  public int purgeExpired() {
    return store.purgeExpired();
  }

  /**
   * A filter over the interaction log; null fields do not filter.
   *
   * @param outcome only this outcome
   * @param from interactions at or after this time
   * @param to interactions before this time
   * @param entryId only interactions that matched this entry
   * @param limit at most this many rows (newest first); 0 or less: no limit
   */
  public record LogQuery(Outcome outcome, Instant from, Instant to, Long entryId, int limit) {
    public static LogQuery recent(int limit) {
      return new LogQuery(null, null, null, null, limit);
    }

    public LogQuery withOutcome(Outcome o) { return new LogQuery(o, from, to, entryId, limit); }
    public LogQuery since(Instant t) { return new LogQuery(outcome, t, to, entryId, limit); }
    public LogQuery until(Instant t) { return new LogQuery(outcome, from, t, entryId, limit); }
    public LogQuery forEntry(Long id) { return new LogQuery(outcome, from, to, id, limit); }
  }

  /**
   * One logged interaction. {@code userKey} is the keyed hash of the user, never the raw id.
   *
   * @param feedback 1 helpful, -1 not helpful, null none
   */
  public record LogRecord(long id, Instant at, Platform platform, ChatType chatType,
      String userKey, String text, Outcome outcome, Long entryId, String externalId,
      Double confidence, long latencyMs, String triageRule, Integer feedback) {}

  /** A text (an entry title or a normalized unanswered question) and how often it came. */
  public record Count(String label, Long entryId, int count) {}

  /** Feedback on one entry's answers. */
  public record EntryFeedback(long entryId, String title, int helpful, int notHelpful) {
    public double ratio() {
      int n = helpful + notHelpful;
      return n == 0 ? 0 : (double) helpful / n;
    }
  }

  /**
   * Statistics over a period. Questions are messages that were answered, unmatched or emergencies.
   *
   * @param urgent questions triage found should be seen today (answered or not)
   *
   * @param answerRate answered / questions, 0 when there were none
   * @param medianLatencyMs over questions, 0 when there were none
   */
  public record Stats(Instant from, Instant to, Map<LocalDate, Integer> questionsPerDay,
      int questions, int answered, int noMatch, int emergencies, int urgent,
      double answerRate,
      List<Count> topQuestions, List<Count> topUnanswered, List<EntryFeedback> feedback,
      long medianLatencyMs) {
    public Stats {
      questionsPerDay = java.util.Collections.unmodifiableSortedMap(
          new java.util.TreeMap<>(questionsPerDay));
      topQuestions = List.copyOf(topQuestions);
      topUnanswered = List.copyOf(topUnanswered);
      feedback = List.copyOf(feedback);
    }
  }

  /** One moderator or admin action. {@code actor} is "platform:userId" of a staff member. */
  public record AuditRecord(long id, Instant at, String actor, String action, String target,
      String detail) {}
}

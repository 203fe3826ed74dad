package faqbot.core;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Admin queries over the interaction log, statistics and audit trail: the same code the chat
 * commands {@code /logs}, {@code /stats}, {@code /export} and {@code /audit} use, for the
 * command line. Obtained from {@link BotCore#admin()}. Database failures surface as
 * {@link java.io.UncheckedIOException}.
 */
public final class Admin {
  private final LogQueries logs;
  private final Statistics statistics;
  private final QuestionQueue queue;
  private final AuditTrail audit;
  private final Retention retention;
  private final LongFunction<String> titles;
  private final Duration retentionPeriod;
  private final Clock clock;

  Admin(CoreStores stores, LongFunction<String> titles, Duration retentionPeriod, Clock clock) {
    this.logs = stores.logQueries;
    this.statistics = stores.statistics;
    this.queue = stores.queue;
    this.audit = stores.audit;
    this.retention = stores.retention;
    this.titles = titles;
    this.retentionPeriod = retentionPeriod;
    this.clock = clock;
  }

  /** Recent interactions, newest first. */
  public List<LogRecord> logs(LogQuery query) {
    return logs.logs(query);
  }

  /** Statistics over interactions whose time is in [from, to). */
  public Stats stats(Instant from, Instant to) {
    return statistics.stats(from, to, titles);
  }

  /** Writes the matching interactions as CSV (header line first), oldest first. */
  public void exportLogsCsv(LogQuery query, Writer out) throws IOException {
    Csv.row(out, "id", "time", "platform", "chat_type", "user_key", "outcome", "entry_id",
        "external_id", "confidence", "latency_ms", "triage_rule", "feedback", "text");
    try {
      logs.forEachOldestFirst(query, r -> {
        try {
          Csv.row(out, r.id(), r.at(), r.platform().key(),
              r.chatType().name().toLowerCase(Locale.ROOT), r.userKey(), r.outcome().key(),
              r.entryId(), r.externalId(), r.confidence(), r.latencyMs(), r.triageRule(),
              r.feedback(), r.text());
        } catch (IOException e) {
          throw new WriteFailed(e);
        }
      });
    } catch (WriteFailed e) {
      // the writer's own failure is the caller's IOException; the store's stay unchecked
      throw e.getCause();
    }
    out.flush();
  }

  private static final class WriteFailed extends RuntimeException {
    WriteFailed(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Writes the statistics as CSV: one {@code section,key,value} row per figure. */
  public void exportStatsCsv(Stats stats, Writer out) throws IOException {
    Csv.writeStats(stats, out);
  }

  /**
   * The dashboard's overview of interactions in [from, to): counts per time bucket for each
   * series of {@link Overview#SERIES}, and the period's figures. Reads an index only.
   */
  public Overview overview(Instant from, Instant to, Duration bucket) {
    return statistics.overview(from, to, bucket);
  }

  /**
   * How often entries were shown as the answer since a time, with their feedback, the most "not
   * helpful" first (then the most shown).
   *
   * @param entryIds only these entries, or null for all
   */
  public List<EntryUsage> entryUsage(Instant since, Collection<Long> entryIds, int limit) {
    return statistics.entryUsage(since, entryIds, limit, titles);
  }

  /**
   * Open questions of the moderators' queue, most asked first (what {@code /queue} lists). They
   * are answered and dismissed through the chat commands, {@code /answer} and {@code /dismiss}.
   */
  public List<QueuedQuestion> openQueue(int offset, int limit) {
    return queue.open(offset, limit).stream()
        .map(q -> new QueuedQuestion(q.id(), q.text(), q.pendingEntryId(), q.askedCount(),
            q.firstAt(), q.lastAt(), q.subscribers()))
        .toList();
  }

  /** Moderator and admin actions, newest first. */
  public List<AuditRecord> audit(int limit) {
    return audit.recent(limit);
  }

  /**
   * Deletes interactions and closed queue items older than the retention period.
   *
   * @return how many log rows were deleted
   */
  public int purgeExpired() {
    return retention.purgeBefore(clock.instant().minus(retentionPeriod));
  }

  /**
   * A filter over the interaction log; null fields do not filter.
   *
   * @param outcome only this outcome
   * @param from interactions at or after this time
   * @param to interactions before this time
   * @param entryId only interactions that matched this entry
   * @param limit at most this many rows (newest first); 0 or less: no limit
   * @param platform only interactions on this platform
   * @param triageRule only interactions where this triage rule fired
   */
  public record LogQuery(Outcome outcome, Instant from, Instant to, Long entryId, int limit,
      Platform platform, String triageRule) {
    public LogQuery(Outcome outcome, Instant from, Instant to, Long entryId, int limit) {
      this(outcome, from, to, entryId, limit, null, null);
    }

    public static LogQuery recent(int limit) {
      return new LogQuery(null, null, null, null, limit);
    }

    public LogQuery withOutcome(Outcome o) {
      return new LogQuery(o, from, to, entryId, limit, platform, triageRule);
    }

    public LogQuery since(Instant t) {
      return new LogQuery(outcome, t, to, entryId, limit, platform, triageRule);
    }

    public LogQuery until(Instant t) {
      return new LogQuery(outcome, from, t, entryId, limit, platform, triageRule);
    }

    public LogQuery forEntry(Long id) {
      return new LogQuery(outcome, from, to, id, limit, platform, triageRule);
    }

    public LogQuery onPlatform(Platform p) {
      return new LogQuery(outcome, from, to, entryId, limit, p, triageRule);
    }

    public LogQuery withTriageRule(String rule) {
      return new LogQuery(outcome, from, to, entryId, limit, platform, rule);
    }
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

  /**
   * An open queue item: a question (the first asker's words) and how often it was asked.
   *
   * @param pendingEntryId the question-only entry it was grouped with, or null
   * @param waiting askers who asked to be notified when it is answered
   */
  public record QueuedQuestion(long id, String text, Long pendingEntryId, int askedCount,
      Instant firstAt, Instant lastAt, int waiting) {}

  /** One entry shown as an answer {@code shown} times, with its feedback. */
  public record EntryUsage(long entryId, String title, int shown, int helpful, int notHelpful) {}

  /**
   * Interactions over a period, for the dashboard. Each message counts in one series: emergency,
   * else urgent (triage said: see a clinician today, whether it was answered or not), else its
   * outcome (refused includes rate-limited and other-language messages); commands are in none.
   * Questions, answer rate and latencies are over answered, no-match and emergency messages, as in
   * {@link Stats}.
   *
   * @param perBucket for each series name, the count in each bucket from {@code from}
   * @param emergenciesByKind emergencies per kind (the triage rule's family: breathing, stroke, ...)
   * @param platforms messages per platform key
   */
  public record Overview(Instant from, Instant to, java.time.Duration bucket,
      Map<String, long[]> perBucket, int questions, int answered, int noMatch, int emergencies,
      int urgent, long medianLatencyMs, long p95LatencyMs, int helpful, int notHelpful,
      Map<String, Integer> emergenciesByKind, Map<String, Integer> platforms) {
    /** The series of {@link #perBucket}, in stacking order. */
    public static final List<String> SERIES =
        List.of("answered", "no_match", "urgent", "emergency", "refused", "error");

    /** The series of a message (index into {@link #SERIES}), or -1 for none. */
    static int series(int outcomeOrdinal, boolean urgent) {
      Outcome o = Outcome.values()[outcomeOrdinal];
      if (o == Outcome.EMERGENCY) {
        return 3;
      }
      if (o == Outcome.COMMAND) {
        return -1;
      }
      if (urgent) {
        return 2;
      }
      return switch (o) {
        case ANSWERED -> 0;
        case NO_MATCH -> 1;
        case REFUSED, RATE_LIMITED, OTHER_LANGUAGE -> 4;
        case ERROR -> 5;
        default -> -1;
      };
    }

    public double answerRate() {
      return questions == 0 ? 0 : (double) answered / questions;
    }

    /** Helpful among answers with feedback, 0 when there was none. */
    public double helpfulRatio() {
      int n = helpful + notHelpful;
      return n == 0 ? 0 : (double) helpful / n;
    }

    public int messages() {
      return platforms.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** One moderator or admin action. {@code actor} is "platform:userId" of a staff member. */
  public record AuditRecord(long id, Instant at, String actor, String action, String target,
      String detail) {}
}

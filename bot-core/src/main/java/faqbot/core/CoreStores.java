package faqbot.core;

/**
 * Where the core keeps what it must not lose: the interaction log, the moderators' queue, roles,
 * the audit trail, sign-in links, the mailbox, conversation state, rate limits and send pacing, each behind its
 * own port. {@link BotCore} takes
 * them at {@link BotCore#create(CoreConfig, faqbot.knowledge.KnowledgeBase, CoreStores,
 * faqbot.core.triage.Triage, java.time.Clock) create} and closes them when it closes.
 * {@link SqliteStores#open} keeps them in the knowledge base's database.
 *
 * <p>The ports are package-private: another database is implemented in this package.
 */
public final class CoreStores implements AutoCloseable {
  final InteractionLog log;
  final LogQueries logQueries;
  final Statistics statistics;
  final QuestionQueue queue;
  final Retention retention;
  final RoleStore roles;
  final AuditTrail audit;
  final DashboardLinkStore dashboardLinks;
  final DashboardSessionStore dashboardSessions;
  final PseudonymKeys keys;
  final Mailbox mailbox;
  final ConversationStore conversations;
  final RateLimitStore rateLimits;
  final SendPacing sendPacing;
  private final Runnable close;

  CoreStores(InteractionLog log, LogQueries logQueries, Statistics statistics,
      QuestionQueue queue, Retention retention, RoleStore roles, AuditTrail audit,
      DashboardLinkStore dashboardLinks, DashboardSessionStore dashboardSessions,
      PseudonymKeys keys, Mailbox mailbox, ConversationStore conversations,
      RateLimitStore rateLimits, SendPacing sendPacing, Runnable close) {
    this.log = log;
    this.logQueries = logQueries;
    this.statistics = statistics;
    this.queue = queue;
    this.retention = retention;
    this.roles = roles;
    this.audit = audit;
    this.dashboardLinks = dashboardLinks;
    this.dashboardSessions = dashboardSessions;
    this.keys = keys;
    this.mailbox = mailbox;
    this.conversations = conversations;
    this.rateLimits = rateLimits;
    this.sendPacing = sendPacing;
    this.close = close;
  }

  /** Writes what the log still holds and closes the stores' connections. */
  @Override
  public void close() {
    close.run();
  }
}

package faqbot.core;

import faqbot.core.triage.Triage;
import faqbot.core.triage.TriageResult;
import faqbot.knowledge.AnswerChoice;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import faqbot.knowledge.SearchResult;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine: patient questions, emergency triage, moderator and admin commands,
 * the interaction log. Platform-independent; adapters call {@link #handle} and render replies.
 * Keeps what it must not lose in {@link CoreStores}. Thread-safe.
 *
 * <p>Notification consent is opt-in: a no-match reply offers a "Notify me" button, and only a
 * user who presses it has their platform id stored (to deliver the notification), deleted once
 * the question is answered or dismissed, or on {@code /forget}.
 */
public final class BotCore implements ChatCore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BotCore.class);
  // each hit costs the knowledge base a stored-entry read: the best plus a few for suggestions
  static final int SEARCH_LIMIT = AnswerChoice.SEARCH_LIMIT;
  static final int MAX_SUGGESTIONS = 3;
  /** Staff paste whole seed pages, which are longer than any patient question. */
  static final int STAFF_MAX_MESSAGE_LENGTH = 60_000;

  /** The commands this core understands. */
  static final CommandCatalogue CATALOGUE = CommandCatalogue.STANDARD;

  private final CoreConfig config;
  private final KnowledgeBase knowledge;
  private final Clock clock;
  private final CoreStores stores;
  private final InteractionLog log;
  private final Pseudonymizer pseudonymizer;
  private final RateLimiter limiter;
  private final Triage triage;
  private final Admin admin;
  /**
   * The stored roles as last read: another replica (or the command line) may grant or revoke one,
   * so the table is read again at most every {@link #ROLES_FRESH_NANOS}, by one message's thread
   * while the others go on with this copy. A role is one small table, staff only.
   */
  private volatile Map<String, Role> roles;
  private volatile long rolesReadAt;
  private final java.util.concurrent.atomic.AtomicBoolean readingRoles =
      new java.util.concurrent.atomic.AtomicBoolean();
  static final long ROLES_FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
  private final Map<Platform, Notifier> notifiers = new ConcurrentHashMap<>();
  private final Conversations conversations;
  private final ModeratorCommands moderators;
  private final QueueAnswers answers;
  private final GuidedFlows flows;
  private final AdminCommands admins;
  private final FileImports fileImports;
  private final DashboardLinks dashboardLinks;
  private final DashboardSessions dashboardSessions;
  /** Where the dashboard answers, for /dashboard's links; null while it is off. */
  private volatile String dashboardUrl;
  private volatile boolean closed;

  private BotCore(CoreConfig config, KnowledgeBase knowledge, CoreStores stores, Triage triage,
      Clock clock) {
    this.config = config;
    this.knowledge = knowledge;
    this.clock = clock;
    this.stores = stores;
    this.log = stores.log;
    this.triage = triage;
    byte[] key = config.pseudonymizationKey();
    this.pseudonymizer = new Pseudonymizer(key != null ? key : stores.keys.pseudonymizationKey());
    this.limiter = new RateLimiter(config.rateLimitPerMinute(), clock, stores.rateLimits);
    this.admin = new Admin(stores, id -> knowledge.get(id).map(ReplyComposer::title).orElse("#" + id),
        Duration.ofDays(config.retentionDays()), clock);
    this.roles = Map.copyOf(stores.roles.all());
    this.rolesReadAt = System.nanoTime();
    this.fileImports = new FileImports(knowledge.home().toAbsolutePath()
        .resolve("uploads"));
    fileImports.clearLeftovers();
    this.conversations = new Conversations(clock, stores.conversations);
    this.moderators = new ModeratorCommands(this);
    this.answers = new QueueAnswers(this);
    this.flows = new GuidedFlows(this, answers);
    this.admins = new AdminCommands(this);
    this.dashboardLinks = new DashboardLinks(stores, config, clock);
    this.dashboardSessions = new DashboardSessions(stores.dashboardSessions, clock);
    admin.purgeExpired();
    Thread warmUp = new Thread(Languages::warmUp, "language-profiles");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /**
   * Opens the core over a knowledge base and its stores, and purges log rows older than the
   * retention period. The core owns the stores from here: it closes them when it closes, or at
   * once when it cannot start.
   *
   * @throws UncheckedIOException when a store cannot be read
   */
  public static BotCore create(CoreConfig config, KnowledgeBase knowledge, CoreStores stores,
      Triage triage, Clock clock) {
    try {
      return new BotCore(config, knowledge, stores, triage, clock);
    } catch (RuntimeException e) {
      stores.close();
      throw e;
    }
  }

  /**
   * {@link #create(CoreConfig, KnowledgeBase, CoreStores, Triage, Clock)} with what the
   * application wires: the stores in the knowledge base's SQLite file and the default triage rules.
   *
   * @throws UncheckedIOException when the database cannot be opened
   */
  public static BotCore create(CoreConfig config, KnowledgeBase knowledge, Clock clock) {
    Triage triage = Triage.loadDefault();
    return create(config, knowledge, SqliteStores.open(knowledge.database(), clock), triage,
        clock);
  }

  // ---- ChatCore ------------------------------------------------------------------------------

  @Override
  public List<Reply> handle(IncomingMessage message) {
    return process(message).replies();
  }

  /** Like {@link #handle}, with what the core decided (outcome, matched entry, confidence). */
  public Turn process(IncomingMessage message) {
    if (closed) {
      throw new IllegalStateException("the core is closed");
    }
    long started = System.nanoTime();
    Ctx ctx = new Ctx(message, pseudonymizer.key(message.platform(), message.userId()),
        roleOf(message.platform(), message.userId()), log.nextId());
    Result result;
    try {
      result = dispatch(ctx);
    } catch (RuntimeException e) {
      LOG.error("message {} failed: {}", ctx.logId, e.toString(), e);
      // the failure may have come before triage: never leave an emergency without the number
      result = Result.of(Outcome.ERROR, Reply.builder()
          .add(Part.paragraph("Sorry, something went wrong on my side. Please try again later."))
          .add(callIfEmergency())
          .add(disclaimer()).privateToAsker(true).build());
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    if (!result.skipLog) {
      log.append(new InteractionLog.Row(ctx.logId, clock.millis(), message.platform(),
          message.chatType(), ctx.userKey, ctx.loggedText(config.maxMessageLength()),
          result.outcome, result.entryId, result.externalId, result.confidence, latencyMs,
          result.triageRule, result.triage == null ? null : result.triage.level().key()),
          result.enqueue ? new InteractionLog.Question(result.pendingEntryId, result.meaning,
              result.followUpTopic)
              : null);
    }
    return new Turn(result.replies, result.outcome, result.entryId, result.externalId,
        result.confidence, result.suggestions, result.triageRule,
        (result.triage == null ? TriageResult.none() : result.triage).level().key());
  }

  @Override
  public Role roleOf(Platform platform, String userId) {
    String ref = platform.key() + ":" + userId;
    if (config.initialAdmins().contains(ref)) {
      return Role.ADMIN;
    }
    return currentRoles().getOrDefault(ref, Role.PATIENT);
  }

  private Map<String, Role> currentRoles() {
    if (System.nanoTime() - rolesReadAt > ROLES_FRESH_NANOS
        && readingRoles.compareAndSet(false, true)) {
      try {
        roles = Map.copyOf(stores.roles.all());
        rolesReadAt = System.nanoTime();
      } catch (RuntimeException e) {
        // the last copy serves until the database answers again
        LOG.warn("cannot read the roles: {}", e.toString());
      } finally {
        readingRoles.set(false);
      }
    }
    return roles;
  }

  @Override
  public CommandCatalogue commands() {
    return CATALOGUE;
  }

  /** The durable inbox and outbox, in the core's stores. */
  @Override
  public Mailbox mailbox() {
    return stores.mailbox;
  }

  /** Through the database's locks: on a shared PostgreSQL one replica leads each role. */
  @Override
  public Leadership leadership() {
    return new DatabaseLeadership(knowledge.database());
  }

  /** In this process on SQLite; in the database on a PostgreSQL that replicas share. */
  @Override
  public SendPacing sendPacing() {
    return stores.sendPacing;
  }

  @Override
  public void registerNotifier(Platform platform, Notifier notifier) {
    notifiers.put(platform, notifier);
  }

  /** Admin queries for the command line. */
  public Admin admin() {
    return admin;
  }

  /** Sign-in links and role checks for the web dashboard. */
  public DashboardLinks dashboardLinks() {
    return dashboardLinks;
  }

  /** Signed-in dashboard browsers, in the database: every process on it knows them. */
  public DashboardSessions dashboardSessions() {
    return dashboardSessions;
  }

  /**
   * Turns on {@code /dashboard}: its links point to this base URL ("https://bot.example.org/admin",
   * no trailing slash needed); null turns it off again.
   */
  public void setDashboardUrl(String baseUrl) {
    this.dashboardUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
  }

  String dashboardUrl() {
    return dashboardUrl;
  }

  /** The configuration the core runs with. */
  public CoreConfig config() {
    return config;
  }

  /** Flushes the interaction log and closes the core's stores (not the knowledge base). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stores.close();
  }

  // ---- dispatch ------------------------------------------------------------------------------

  /** One message being handled. */
  static final class Ctx {
    final IncomingMessage msg;
    final String userKey;
    final Role role;
    final long logId;
    String text = "";
    /** Whether the sender is in a guided flow, once looked up. */
    Boolean inFlow;

    Ctx(IncomingMessage msg, String userKey, Role role, long logId) {
      this.msg = msg;
      this.userKey = userKey;
      this.role = role;
      this.logId = logId;
    }

    /** Nobody but the sender reads this exchange (see {@link IncomingMessage#privateExchange}). */
    boolean isPrivate() {
      return msg.chatType() == ChatType.PRIVATE || msg.privateExchange();
    }

    String actor() {
      return msg.platform().key() + ":" + msg.userId();
    }

    String loggedText(int max) {
      String t;
      if (msg.isButton()) {
        t = "[button] " + Texts.sanitize(msg.buttonPayload());
      } else if (!msg.form().isEmpty()) {
        t = "[form] " + Texts.sanitize(msg.form().getOrDefault("question", ""));
      } else {
        t = text.isEmpty() ? Texts.sanitize(msg.text()) : text;
      }
      return t.length() > max ? t.substring(0, max) : t;
    }
  }

  /** What a handler decided. */
  static final class Result {
    final List<Reply> replies;
    final Outcome outcome;
    Long entryId;
    String externalId;
    Double confidence;
    String triageRule;
    /** What triage found, when the message was triaged. */
    TriageResult triage;
    List<String> suggestions = List.of();
    boolean skipLog;
    /** A no-match: the log writer also puts the question in the moderators' queue. */
    boolean enqueue;
    Long pendingEntryId;
    /** A queued question's embedding: the queue groups questions that mean the same. */
    float[] meaning;
    /** The topic a queued follow-up was read against, shown to moderators with it. */
    String followUpTopic;

    Result(Outcome outcome, List<Reply> replies) {
      this.outcome = outcome;
      this.replies = new ArrayList<>(replies);
    }

    /** Puts a part at the top of the first reply (an urgency note before the answer). */
    void prependToFirst(Part part) {
      Reply first = replies.get(0);
      List<Part> parts = new ArrayList<>();
      parts.add(part);
      parts.addAll(first.parts());
      replies.set(0, new Reply(parts, first.buttons(), first.privateToAsker(), first.attachment()));
    }

    static Result of(Outcome outcome, Reply... replies) {
      return new Result(outcome, List.of(replies));
    }
  }

  /**
   * Triage reads a message before anything can turn it away: an emergency gets its guidance
   * whatever the length, the rate limit, the command or the language. Only staff writing content
   * (their commands and guided flows, where "chest pain" is a topic, not a symptom) skip it.
   */
  private Result dispatch(Ctx ctx) {
    IncomingMessage m = ctx.msg;
    // a typed command is read as its text would be: triage reads an /ask question either way
    String text = m.isButton() || !m.form().isEmpty() ? ""
        : m.isCommandCall() ? typedText(m.command()) : Texts.sanitize(m.text());
    // a file's caption is read like any message, a moderator's too: it is not knowledge
    TriageResult found = authoring(ctx, text) && !m.hasFile()
        ? TriageResult.none() : triage.assess(text);
    RateLimiter.Verdict verdict = limiter.acquire(ctx.userKey);
    if (found.emergency()) {
      ctx.text = clip(text);
      return emergency(found, text);
    }
    switch (verdict) {
      case WARN -> {
        return Result.of(Outcome.RATE_LIMITED, Reply.builder()
            .add(Part.paragraph("You are sending messages faster than I can answer them. Please "
                + "wait a minute, then send your question again."))
            .add(callIfEmergency())
            .privateToAsker(true).build());
      }
      case DROP -> {
        return new Result(Outcome.RATE_LIMITED, List.of());
      }
      default -> { }
    }
    if (m.isButton()) {
      return button(ctx, m.buttonPayload());
    }
    if (!m.form().isEmpty()) {
      return flows.form(ctx);
    }
    if (m.hasFile()) {
      return file(ctx, text, found);
    }
    int max = ctx.role.atLeast(Role.MODERATOR)
        ? Math.max(STAFF_MAX_MESSAGE_LENGTH, config.maxMessageLength()) : config.maxMessageLength();
    if (text.length() > max) {
      ctx.text = clip(text);
      return triaged(Result.of(Outcome.REFUSED, Reply.builder()
          .add(Part.paragraph(String.format(Locale.ROOT, "Your message is too long (%,d "
              + "characters). Please ask in at most %,d characters.", text.length(), max)))
          .privateToAsker(true).build()), found, text);
    }
    ctx.text = text;
    if (text.isEmpty()) {
      return noWords(found);
    }
    if (text.startsWith("/")) {
      return command(ctx, text, found);
    }
    if (inFlow(ctx)) {
      return flows.flowStep(ctx, text);
    }
    return question(ctx, text, found);
  }

  /**
   * A file: a moderator's in a private chat is previewed for import. Anyone else's is neither
   * fetched nor kept; its caption, already triaged, is answered as a question when it is one.
   */
  private Result file(Ctx ctx, String caption, TriageResult found) {
    IncomingFile file = ctx.msg.file();
    ctx.text = clip("[file] " + Texts.oneLine(file.name(), 80)
        + (caption.isEmpty() ? "" : " " + caption));
    if (ctx.role.atLeast(Role.MODERATOR) && ctx.isPrivate()) {
      return triaged(flows.file(ctx), found, caption);
    }
    String note = ctx.role.atLeast(Role.MODERATOR)
        ? "Please send files to import in a private chat with me; I did not keep this one."
        : "I can't open files, and I did not keep yours: I only read questions typed as text.";
    if (Texts.hasWords(caption) && !caption.startsWith("/")) {
      Result r = question(ctx, caption, TriageResult.none());
      r.prependToFirst(Part.paragraph(note + " Here is what I found for your message."));
      return triaged(r, found, caption);
    }
    return triaged(Result.of(Outcome.REFUSED, Reply.builder()
        .add(Part.paragraph(note + " Please type your question in words."))
        .add(callIfEmergency())
        .privateToAsker(true).build()), found, caption);
  }

  /** Staff writing knowledge: a known staff command of theirs, or a guided flow in progress. */
  private boolean authoring(Ctx ctx, String text) {
    if (!ctx.role.atLeast(Role.MODERATOR) || text.isEmpty()) {
      return false;
    }
    if (ctx.msg.isCommandCall() || text.startsWith("/")) {
      String name = ctx.msg.isCommandCall() ? ctx.msg.command().name()
          : CommandText.parse(text).map(CommandText::name).orElse("");
      return CATALOGUE.find(name).filter(c -> c.role() != Role.PATIENT).isPresent();
    }
    return inFlow(ctx);
  }

  /**
   * A moderator's private message inside a guided flow. Only staff start flows, so a patient's
   * message costs no look-up in the (shared) conversation state.
   */
  private boolean inFlow(Ctx ctx) {
    if (ctx.inFlow == null) {
      ctx.inFlow = ctx.isPrivate() && ctx.role.atLeast(Role.MODERATOR)
          && conversations.flow(ctx.userKey) != null;
    }
    return ctx.inFlow;
  }

  private String clip(String text) {
    return text.length() > config.maxMessageLength()
        ? text.substring(0, config.maxMessageLength()) : text;
  }

  private Result emergency(TriageResult found, String text) {
    TriageResult t = inWritersLanguage(found, text);
    Result r = Result.of(Outcome.EMERGENCY,
        CareReplies.emergency(t, config, languageOf(text, t)));
    r.triageRule = t.ruleId();
    r.triage = t;
    return r;
  }

  /**
   * The finding named by the writer's own language's rules when another language's rule won a
   * tie (read first) and the text is clearly in a language with guidance of its own whose rules
   * find the same level; else as found. Run only for urgent and emergency messages.
   */
  private TriageResult inWritersLanguage(TriageResult found, String text) {
    String ruleLanguage = ruleLanguage(found);
    if (ruleLanguage == null) {
      return found;
    }
    String detected = Languages.nonEnglish(text);
    if (detected == null || detected.equals(ruleLanguage)
        || !CareReplies.hasOwnGuidance(detected)) {
      return found;
    }
    TriageResult own = triage.assess(text, detected);
    return own.level() == found.level() && own.ruleId() != null
        && own.ruleId().startsWith(detected + ".") ? own : found;
  }

  /**
   * The language to give guidance in: that of the rule that fired when it is not English (its
   * medical words matched, which says more than a detector's guess over a short message: "Mi bebé
   * de 2 meses tiene 38 de fiebre" is detected as French); else the detected one.
   */
  private static String languageOf(String text, TriageResult t) {
    String rule = ruleLanguage(t);
    return rule != null && CareReplies.hasOwnGuidance(rule) ? rule : Languages.nonEnglish(text);
  }

  /** The language of a non-English rule that fired (its id starts "es."), else null. */
  private static String ruleLanguage(TriageResult t) {
    String rule = t.ruleId();
    return rule != null && rule.indexOf('.') == 2 ? rule.substring(0, 2) : null;
  }

  /** A typed command call as text, for triage and the log; unknown commands keep their name. */
  private static String typedText(CommandCall call) {
    return CATALOGUE.find(call.name()).map(c -> Arguments.shown(c, call.arguments()))
        .orElse("/" + call.name());
  }

  private Result command(Ctx ctx, String text, TriageResult triage) {
    Optional<CommandText> typed = CommandText.parse(text);
    String name = ctx.msg.isCommandCall() ? ctx.msg.command().name()
        : typed.map(CommandText::name)
            .orElse(text.substring(1).split("\\s", 2)[0].toLowerCase(Locale.ROOT));
    Command command = CATALOGUE.find(name).orElse(null);
    if (command == null) {
      return Result.of(Outcome.COMMAND, Reply.builder()
          .add(Part.paragraph("I don't know the command /" + Texts.oneLine(name, 30)
              + ". Send /help to see what I can do."))
          .privateToAsker(true).build());
    }
    if (!ctx.role.atLeast(command.role())) {
      return Result.of(Outcome.REFUSED, Reply.builder()
          .add(Part.paragraph("Sorry, you are not allowed to use /" + command.name() + ": it is for "
              + command.role().name().toLowerCase(Locale.ROOT) + "s."))
          .privateToAsker(true).build());
    }
    if (command.scope() == Command.Scope.PRIVATE && !ctx.isPrivate()) {
      return Result.of(Outcome.REFUSED, Reply.builder()
          .add(Part.paragraph("Please use /" + command.name() + " in a private chat with me."))
          .privateToAsker(true).build());
    }
    Arguments args;
    try {
      args = ctx.msg.isCommandCall()
          ? Arguments.bind(command, ctx.msg.command().arguments(), ctx.msg.platform())
          : Arguments.parse(command, typed.map(CommandText::rest).orElse(""), ctx.msg.platform());
    } catch (Arguments.Refused e) {
      return usage(command, e.getMessage());
    }
    return switch (command.name()) {
      case "help" -> Result.of(Outcome.COMMAND, help(ctx));
      case "ask" -> question(ctx, args.text("question"), triage);
      case "forget" -> forget(ctx);
      case "cancel" -> cancel(ctx);
      case "add", "paste", "done" -> flows.command(ctx, command, args);
      case "queue", "answer", "dismiss", "link" -> answers.command(ctx, command, args);
      default -> command.role() == Role.ADMIN
          ? admins.command(ctx, command, args) : moderators.command(ctx, command, args);
    };
  }

  /** How to use the command, after what was wrong with this use of it (when known). */
  static Result usage(Command command, String problem) {
    Reply.Builder b = Reply.builder()
        .add(Part.paragraph("Usage: " + command.synopsis()));
    if (problem != null) {
      b.add(Part.paragraph("Not quite: " + problem + "."));
    }
    for (Argument a : command.arguments()) {
      if (a.kind() == Argument.Kind.CHOICE && a.choices().size() > 3) {
        b.add(Part.paragraph(a.name() + ": " + String.join(", ", a.choices()) + "."));
      }
    }
    return Result.of(Outcome.COMMAND, b.add(Part.paragraph(command.description() + "."))
        .privateToAsker(true).build());
  }

  static Result usage(Command command) {
    return usage(command, null);
  }

  private Reply help(Ctx ctx) {
    Reply.Builder b = Reply.builder()
        .add(Part.heading("Health questions answered from a curated knowledge base"))
        .add(Part.paragraph("Ask me a health question in English, in your own words (or with "
            + "/ask). I look it up in a knowledge base of doctors' replies, health agencies' pages "
            + "(such as the NIH) and answers our moderators added, and show you a short summary "
            + "with its source, and the full answer on request."))
        .add(Part.paragraph("I am not a doctor and I do not diagnose or treat: I only show answers "
            + "that already exist. When I have no good answer I say so, and moderators may add one "
            + "later."))
        .add(Part.alert("In an emergency call " + config.emergencyNumber()
            + " now. Do not wait for an answer here."))
        .add(Part.paragraph("Your questions are logged under a pseudonymous key to improve the "
            + "answers. /forget deletes everything I stored about you."));
    b.add(Part.heading("Commands"));
    for (Command c : CATALOGUE.forRole(ctx.role)) {
      b.add(Part.bullet(c.synopsis() + " — " + c.description()));
    }
    return b.add(disclaimer()).build();
  }

  // ---- patients ------------------------------------------------------------------------------

  Part disclaimer() {
    return Part.disclaimer(config.disclaimer());
  }

  /** Every reply that is not an answer still names the number: the sender may be in danger. */
  private Part callIfEmergency() {
    return Part.paragraph("If this is an emergency, call " + config.emergencyNumber() + " now.");
  }

  /**
   * A patient's question, already triaged (not an emergency). Urgent ones get the urgency note
   * first and then the normal answer; messages in another language are told, in that language,
   * that the bot answers in English only, and are neither searched nor queued: an English entry
   * matched on a stray word would mislead, and a moderator could not answer them.
   */
  private Result question(Ctx ctx, String text, TriageResult triage) {
    ctx.text = text;
    if (!Texts.hasWords(text)) {
      return noWords(triage);
    }
    Optional<SmallTalk.Kind> talk = SmallTalk.of(text);
    if (talk.isPresent()) {
      return triaged(talk.get() == SmallTalk.Kind.MORE ? more(ctx)
          : smallTalk(talk.get(), SmallTalk.language(text)), triage, text);
    }
    String language = Languages.nonEnglish(text);
    Result r;
    if (language != null) {
      r = Result.of(Outcome.OTHER_LANGUAGE, Reply.builder()
          .add(Part.paragraph(Languages.englishOnly(language, config.emergencyNumber())))
          .add(disclaimer()).build());
    } else {
      SearchResult found = knowledge.find(text, SEARCH_LIMIT);
      List<SearchHit> hits = found.hits();
      Optional<SearchHit> shown = AnswerChoice.choose(hits, config.confidenceThreshold());
      Conversations.Topic about = null;
      if (shown.isEmpty() && config.followUps() && FollowUps.refersBack(text)) {
        Conversations.Topic last = conversations.topic(ctx.userKey);
        if (last != null && !namesAnotherTopic(hits, last)) {
          about = last;
          found = knowledge.find(about.name() + " " + text, SEARCH_LIMIT);
          // only an answer about that topic: the topic's words must not pull in a third one
          shown = AnswerChoice.choose(found.hits(), config.confidenceThreshold())
              .filter(h -> isAbout(h.entry(), last));
          hits = found.hits();
        }
      }
      if (shown.isPresent()) {
        Entry entry = shown.get().entry();
        r = answer(ctx, entry, text, hits);
        r.confidence = shown.get().confidence();
        if (about != null) {
          // the patient sees how the message was read, and can ask in full if it was not that
          r.prependToFirst(Part.paragraph("Reading this as a follow-up about " + about.name()
              + " (ask in full if you meant something else):"));
        }
        remember(ctx, entry);
      } else {
        r = noMatch(ctx, found, about);
      }
    }
    return triaged(r, triage, text);
  }

  /**
   * A message with nothing to look up (blank, invisible characters, emoji or symbols only): asked
   * for words, and neither searched nor queued, so moderators never see "Q1 asked 2x: ".
   * Triage has read it already; the emergency number is there for someone who can only send 🚑.
   */
  private Result noWords(TriageResult triage) {
    return triaged(Result.of(Outcome.REFUSED, Reply.builder()
        .add(Part.paragraph("Please type your question in words, for example: \"What helps "
            + "back pain after kyphoplasty?\""))
        .add(callIfEmergency())
        .privateToAsker(true).build()), triage, "");
  }

  /**
   * A greeting, thanks or goodbye: a short reply, neither searched nor queued. A greeting in
   * another language is told, in it, that the bot answers in English.
   */
  private Result smallTalk(SmallTalk.Kind kind, String language) {
    String line = switch (kind) {
      case GREETING -> "Hello! Ask me a health question in your own words, for example: \"What "
          + "helps back pain after kyphoplasty?\" /help says what I can and cannot do.";
      case THANKS -> "You're welcome. Ask me another question any time.";
      case BYE -> "Take care. You can come back with a question any time.";
      case ACK, MORE -> "All right. Ask me another health question whenever you like.";
      case ABOUT_BOT -> "I am a bot, not a doctor. I answer health questions from a reviewed "
          + "knowledge base (doctors' replies, health agencies' pages such as the NIH's, and answers "
          + "our moderators added) with a short summary and its source. I do not diagnose or "
          + "treat, and when I have no good answer I say so and pass your question to our "
          + "moderators. Ask in your own words, for example: \"What helps back pain after "
          + "kyphoplasty?\" /help lists the commands.";
    };
    Reply.Builder b = Reply.builder().add(Part.paragraph(line));
    b.add(language == null
        ? callIfEmergency()
        : Part.paragraph(Languages.englishOnly(language, config.emergencyNumber())));
    return Result.of(Outcome.COMMAND, b.build());
  }

  /**
   * Whether the message, searched alone, more likely than not found an entry on another topic
   * ("gout diet" after an answer about chickenpox: 0.58) though too unsure to answer: then it
   * names its own topic and is no follow-up. Confidence is a fitted probability of being right;
   * what a bare "what is the treatment" finds alone stays far below (0.02).
   */
  private static boolean namesAnotherTopic(List<SearchHit> hits, Conversations.Topic topic) {
    return hits.stream().anyMatch(h -> h.confidence() >= 0.5 && !isAbout(h.entry(), topic));
  }

  private static boolean isAbout(Entry entry, Conversations.Topic topic) {
    return entry.id() == topic.entryId()
        || entry.focus() != null && entry.focus().equalsIgnoreCase(topic.name());
  }

  private void remember(Ctx ctx, Entry entry) {
    if (!config.followUps()) {
      return;
    }
    String name = entry.focus() != null && !entry.focus().isBlank() ? entry.focus()
        : ReplyComposer.title(entry);
    conversations.rememberTopic(ctx.userKey, new Conversations.Topic(entry.id(), name));
  }

  /** "More", "tell me more": the whole of the last answer, when there was one. */
  private Result more(Ctx ctx) {
    Conversations.Topic last = config.followUps() ? conversations.topic(ctx.userKey) : null;
    if (last != null) {
      Result full = fullAnswer(last.entryId());
      if (full.entryId != null) { // else the entry was removed since
        return full;
      }
    }
    return Result.of(Outcome.COMMAND, Reply.builder()
        .add(Part.paragraph("I have no recent answer to say more about. Ask me a health question "
            + "in your own words."))
        .add(callIfEmergency())
        .build());
  }

  /** Records what triage found on the turn; an urgent message gets its note at the top. */
  private Result triaged(Result r, TriageResult found, String text) {
    TriageResult t = found;
    if (found.level() == TriageResult.Level.URGENT) {
      t = inWritersLanguage(found, text);
      List<Part> notes = CareReplies.urgentNotes(t, config, languageOf(text, t));
      for (int i = notes.size() - 1; i >= 0; i--) {
        r.prependToFirst(notes.get(i));
      }
    }
    r.triage = t;
    r.triageRule = t.ruleId();
    return r;
  }

  /** The answer reply for a published entry: summary, attribution, buttons, disclaimer. */
  Result answer(Ctx ctx, Entry entry, String question, List<SearchHit> hits) {
    Reply.Builder b = Reply.builder();
    ReplyComposer.shortAnswer(entry).forEach(b::add);
    b.button("Read the full answer", Payloads.of(Payloads.FULL, entry.id()));
    List<Entry> similar = similar(entry, hits);
    List<String> labels = new ArrayList<>();
    for (Entry s : similar) {
      String label = ReplyComposer.title(s);
      labels.add(label);
      b.button(label, Payloads.of(Payloads.QUESTION, s.id()));
    }
    b.button("Helpful", Payloads.of(Payloads.HELPFUL, ctx.logId));
    b.button("Not helpful", Payloads.of(Payloads.NOT_HELPFUL, ctx.logId));
    b.add(disclaimer());
    Result r = Result.of(Outcome.ANSWERED, b.build());
    r.entryId = entry.id();
    r.externalId = entry.source().externalId();
    r.suggestions = labels;
    return r;
  }

  /** Other published hits above the suggestion bar, then the entry's own similar questions. */
  private List<Entry> similar(Entry entry, List<SearchHit> hits) {
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    seen.add(Texts.normalizeQuestion(ReplyComposer.title(entry)));
    for (SearchHit h : hits) {
      if (out.size() >= MAX_SUGGESTIONS) {
        break;
      }
      Entry e = h.entry();
      if (e.id() != entry.id() && e.isAnswerable() && h.confidence() >= config.suggestionThreshold()
          && seen.add(Texts.normalizeQuestion(ReplyComposer.title(e)))) {
        out.add(e);
      }
    }
    for (String title : entry.similarQuestions()) {
      if (out.size() >= MAX_SUGGESTIONS) {
        break;
      }
      String norm = Texts.normalizeQuestion(title);
      if (seen.contains(norm)) {
        continue;
      }
      for (SearchHit h : knowledge.search(title, 1)) {
        // only a page of that exact title counts: a loose match would mislabel the button
        if (h.entry().isAnswerable() && h.entry().id() != entry.id()
            && Texts.normalizeQuestion(ReplyComposer.title(h.entry())).equals(norm)) {
          seen.add(norm);
          out.add(h.entry());
        }
      }
    }
    return out;
  }

  /**
   * Declines and queues the message. A message read as a follow-up ({@code about} not null) was
   * searched with that topic: its close questions and queue grouping come from that search, and
   * the moderators see the topic, since "is it contagious" alone cannot be answered.
   */
  private Result noMatch(Ctx ctx, SearchResult found, Conversations.Topic about) {
    List<SearchHit> hits = found.hits();
    Long pendingId = null;
    if (!hits.isEmpty() && hits.get(0).entry().status() == Entry.Status.PENDING
        && hits.get(0).confidence() >= config.suggestionThreshold()) {
      pendingId = hits.get(0).entry().id();
    }
    Reply.Builder b = Reply.builder()
        .add(Part.paragraph("I don't have a reviewed answer to that question yet."));
    List<String> labels = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (SearchHit h : hits) {
      if (labels.size() >= MAX_SUGGESTIONS) {
        break;
      }
      if (!h.entry().isAnswerable() || h.confidence() < config.suggestionThreshold()) {
        continue;
      }
      String label = ReplyComposer.title(h.entry());
      if (seen.add(Texts.normalizeQuestion(label))) {
        labels.add(label);
        b.button(label, Payloads.of(Payloads.QUESTION, h.entry().id()));
      }
    }
    if (!labels.isEmpty()) {
      b.add(Part.paragraph("These questions are close to yours; one of them may help:"));
      labels.forEach(l -> b.add(Part.bullet(l)));
    }
    b.add(Part.paragraph("I passed your question on to our moderators. Press \"Notify me\" if you "
        + "want a message when it has a reviewed answer."));
    // the log writer queues the question with this turn's log row; the button names that row
    b.button("Notify me when answered", Payloads.of(Payloads.SUBSCRIBE, ctx.logId));
    b.add(disclaimer());
    Result r = Result.of(Outcome.NO_MATCH, b.build());
    r.enqueue = true;
    r.pendingEntryId = pendingId;
    // the search embedded the message already: grouping reuses its vector
    r.meaning = found.meaning();
    r.followUpTopic = about == null ? null : about.name();
    r.confidence = hits.isEmpty() ? 0.0 : hits.get(0).confidence();
    r.suggestions = labels;
    return r;
  }

  private Result forget(Ctx ctx) {
    String token = conversations.offer(ctx.userKey, new Conversations.Forget());
    return Result.of(Outcome.COMMAND, Reply.builder()
        .add(Part.paragraph("This deletes everything I stored about you: your messages in my log, "
            + "your unanswered questions and notification requests. It cannot be undone. Delete?"))
        .button("Yes, delete everything", Payloads.of(Payloads.CONFIRM, token))
        .button("No, keep it", Payloads.of(Payloads.CANCEL, token))
        .privateToAsker(true).build());
  }

  private Result cancel(Ctx ctx) {
    boolean had = conversations.cancelAll(ctx.userKey);
    return Result.of(Outcome.COMMAND, Reply.builder()
        .add(Part.paragraph(had ? "Cancelled." : "There is nothing to cancel."))
        .privateToAsker(true).build());
  }

  private Result button(Ctx ctx, String payload) {
    var parsed = Payloads.parse(payload);
    if (parsed.isEmpty()) {
      return stale();
    }
    Payloads.Payload p = parsed.get();
    return switch (p.kind()) {
      case Payloads.FULL -> fullAnswer(p.number());
      case Payloads.QUESTION -> {
        var e = knowledge.get(p.number()).filter(Entry::isAnswerable);
        if (e.isEmpty()) {
          yield stale();
        }
        remember(ctx, e.get());
        yield answer(ctx, e.get(), ReplyComposer.title(e.get()), List.of());
      }
      case Payloads.HELPFUL, Payloads.NOT_HELPFUL -> {
        boolean ok = log.feedback(p.number(), ctx.userKey, p.kind() == Payloads.HELPFUL ? 1 : -1);
        yield Result.of(Outcome.COMMAND, Reply.builder()
            .add(Part.paragraph(ok ? "Thank you for your feedback." : "Sorry, I can't find that "
                + "answer any more, so I couldn't record your feedback."))
            .privateToAsker(true).build());
      }
      case Payloads.SUBSCRIBE -> {
        // the chat to notify in: only a private chat, never a group's channel
        boolean ok = stores.queue.subscribe(p.number(), ctx.userKey, ctx.msg.platform(),
            ctx.msg.userId(), ctx.msg.chatType() == ChatType.PRIVATE ? ctx.msg.chatId() : null);
        yield Result.of(Outcome.COMMAND, Reply.builder()
            .add(Part.paragraph(ok
                ? "OK: I will message you when a moderator answers your question. /forget "
                    + "cancels this."
                : "I can't set up a notification for that: only the person who asked can, and "
                    + "only while the question is waiting for an answer."))
            .privateToAsker(true).build());
      }
      case Payloads.CONFIRM, Payloads.CANCEL -> {
        Conversations.Action a = conversations.take(p.argument(), ctx.userKey);
        if (a == null) {
          yield stale();
        }
        if (p.kind() == Payloads.CANCEL) {
          flows.cancelled(ctx, a);
          yield Result.of(Outcome.COMMAND, Reply.builder().add(Part.paragraph("Cancelled."))
              .privateToAsker(true).build());
        }
        if (a instanceof Conversations.Forget) {
          conversations.cancelAll(ctx.userKey);
          conversations.forgetTopic(ctx.userKey);
          int n = stores.retention.forget(ctx.userKey);
          Result r = Result.of(Outcome.COMMAND, Reply.builder()
              .add(Part.paragraph("Done: I deleted everything I stored about you (" + n
                  + " logged messages)."))
              .privateToAsker(true).build());
          r.skipLog = true; // logging this turn would store something about them again
          yield r;
        }
        yield flows.confirm(ctx, a);
      }
      case Payloads.LIST_PAGE -> ctx.role.atLeast(Role.MODERATOR) && ctx.isPrivate()
          ? moderators.list(ctx, (int) Math.min(p.number(), Integer.MAX_VALUE)) : stale();
      default -> stale();
    };
  }

  static Result stale() {
    return Result.of(Outcome.COMMAND, Reply.builder()
        .add(Part.paragraph("Sorry, that button has expired or is not valid any more. Please ask "
            + "your question again."))
        .privateToAsker(true).build());
  }

  private Result fullAnswer(long entryId) {
    var e = knowledge.get(entryId).filter(Entry::isAnswerable);
    if (e.isEmpty()) {
      return stale();
    }
    Result r = new Result(Outcome.COMMAND,
        ReplyComposer.split(ReplyComposer.fullAnswer(e.get()), disclaimer(), false));
    r.entryId = entryId;
    r.externalId = e.get().source().externalId();
    return r;
  }

  // ---- for the staff handlers -------------------------------------------------------------------

  KnowledgeBase knowledge() { return knowledge; }
  QuestionQueue queue() { return stores.queue; }
  AuditTrail audit() { return stores.audit; }

  /** Makes every row logged so far readable, queued questions included. */
  void flushLog() {
    log.flush();
  }
  Clock clock() { return clock; }
  Conversations conversations() { return conversations; }

  FileImports fileImports() { return fileImports; }

  Map<Platform, Notifier> notifiers() {
    // EnumMap's copy constructor refuses an empty map that is not an EnumMap
    Map<Platform, Notifier> copy = new EnumMap<>(Platform.class);
    copy.putAll(notifiers);
    return copy;
  }

  void setRole(String ref, Role role, String actor) {
    stores.roles.set(ref, role, actor);
    // this replica knows at once; the others within ROLES_FRESH_NANOS
    roles = Map.copyOf(stores.roles.all());
    rolesReadAt = System.nanoTime();
  }
}

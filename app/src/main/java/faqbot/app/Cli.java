package faqbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faqbot.core.Outcome;
import faqbot.core.Role;
import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.ImportReport;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.Parsers;
import faqbot.knowledge.PrivateFiles;
import faqbot.knowledge.SearchHit;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line. Every command returns an exit code: 0 success, 1 a failure of the work
 * (a broken import file, a failed check), 2 a usage error. Errors go to stderr.
 */
@Command(name = "faqbot", synopsisSubcommandLabel = "[COMMAND]", addMethodSubcommands = false,
    description = {"A health FAQ chatbot for Telegram and Discord.", "",
        "Without a command, runs the bot on every platform whose token is configured"
            + " (TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN), or the console chat when none is."},
    footer = {"", "Every command works while the bot runs on the same data directory."
        + " Exit codes: 0 success, 1 the work failed, 2 usage error."})
final class Cli implements Callable<Integer> {
  @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "data directory (default: FAQBOT_HOME, else ~/.faqbot)")
  String home;

  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
      description = "show this help")
  boolean help;

  @Spec CommandSpec spec;

  private final Map<String, String> env;
  private final InputStream in;
  final PrintStream out;
  final PrintStream err;
  private boolean processLogging;

  Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * Makes {@link #run} choose the process's log configuration first; only {@link Main} does, so
   * that tests running commands in-process keep their own.
   */
  Cli withProcessLogging() {
    processLogging = true;
    return this;
  }

  int run(String... argv) {
    CommandLine cl = new CommandLine(this);
    // in the order of the help, which picocli would otherwise sort by name
    for (String method : List.of("runBot", "chat", "ask", "importFiles", "search", "export", "reindex")) {
      cl.addSubcommand(new CommandLine(CommandLine.getCommandMethods(Cli.class, method).get(0)));
    }
    cl.addSubcommand(new EvalCommand(this)).addSubcommand(new BenchCommand(this));
    for (String method : List.of("logs", "stats", "exportLogs", "dashboard", "migrate", "help")) {
      cl.addSubcommand(new CommandLine(CommandLine.getCommandMethods(Cli.class, method).get(0)));
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setParameterExceptionHandler(this::usageError)
        .setExecutionExceptionHandler((e, c, parsed) -> failure(e))
        .setExecutionStrategy(this::execute);
    cl.registerConverter(Format.class, Cli::format);
    cl.registerConverter(Outcome.class, s -> Outcome.parse(s).orElseThrow(() ->
        new TypeConversionException("expected answered, no_match, emergency, command, refused,"
            + " rate_limited or error, got '" + s + "'")));
    try {
      return cl.execute(argv);
    } finally {
      cl.getOut().flush();
      cl.getErr().flush();
    }
  }

  /** Logback reads its configuration once: it is chosen for the command before anything logs. */
  private int execute(ParseResult parsed) {
    // help only prints: the bot's log directory is not made for it
    boolean help = parsed.asCommandLineList().stream().anyMatch(CommandLine::isUsageHelpRequested);
    if (processLogging && !help) {
      String command = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "run";
      try {
        Logging.configure(command, config());
      } catch (IOException | RuntimeException e) {
        throw new ExecutionException(parsed.commandSpec().commandLine(), e.toString(), e);
      }
    }
    return new RunLast().execute(parsed);
  }

  private int usageError(ParameterException e, String[] args) {
    err.println("faqbot: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
    return 2;
  }

  private int failure(Exception e) {
    if (e instanceof IllegalArgumentException) {
      // a setting from the environment that cannot be used: as much a usage error as an option
      err.println("faqbot: " + e.getMessage());
      return 2;
    }
    err.println("faqbot: " + (e instanceof IOException || e instanceof UncheckedIOException
        ? e.getMessage() : e.toString()));
    return 1;
  }

  AppConfig config() {
    return new AppConfig(env, home);
  }

  private BotCommands bot() {
    return new BotCommands(config(), in, out, err);
  }

  /** A usage error found after parsing, reported like the parser's own, for the command run. */
  ParameterException usage(String message) {
    ParseResult command = spec.commandLine().getParseResult();
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    return new ParameterException(command.commandSpec().commandLine(), message);
  }

  int within(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw usage(option + " must be between " + min + " and " + max + ": " + value);
    }
    return value;
  }

  private static Format format(String s) {
    try {
      return Format.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected qa_page, article, medquad or jsonl, got '" + s + "'");
    }
  }

  @Override
  public Integer call() throws Exception {
    return runBot();
  }

  @Command(name = "run", description = "run the bot (the default): on the platforms with a token,"
      + " else the console chat")
  int runBot() throws Exception {
    return bot().runBot();
  }

  @Command(name = "chat", description = "console chat as a patient, moderator or admin")
  int chat(@Option(names = "--role", paramLabel = "ROLE", defaultValue = "patient",
      description = "patient (default), moderator or admin") Role role) throws Exception {
    return bot().chat(role);
  }

  @Command(name = "ask", description = "answer messages as a patient: TEXT, or else one per stdin line")
  int ask(@Option(names = "--json", description = "one JSON object per message") boolean json,
      @Parameters(paramLabel = "TEXT", arity = "0..*", description = "the message") List<String> text)
      throws Exception {
    return bot().ask(text == null ? List.of() : text, json);
  }

  @Command(name = "import", description = {"import files or directories; a bad file is reported and"
      + " skipped, the others are imported"})
  int importFiles(@Option(names = "--format", paramLabel = "F",
          description = "qa_page, article, medquad or jsonl (default: detected per file)") Format format,
      @Option(names = "--verbose", description = "list every file, also in large runs") boolean verbose,
      @Parameters(paramLabel = "PATH", arity = "1..*", description = "files, and directories"
          + " whose .txt, .xml, .jsonl and .ndjson files are imported") List<String> paths) throws Exception {
    return importCommand(config(), format, verbose, paths);
  }

  @Command(name = "search", description = "rank knowledge entries for a message")
  int search(@Option(names = "--json") boolean json,
      @Option(names = {"-k", "--limit"}, paramLabel = "N", defaultValue = "10",
          description = "how many entries (1 to 1000, default 10)") int k,
      @Parameters(paramLabel = "TEXT", arity = "1..*", description = "the message") List<String> text)
      throws Exception {
    String message = String.join(" ", text);
    if (message.isBlank()) {
      throw usage("search needs TEXT");
    }
    return searchCommand(config(), message, json, within("-k", k, 1, 1000));
  }

  @Command(name = "export", description = "write every entry as JSONL with its history and"
      + " alternative questions (replaces PATH only when complete)")
  int export(@Parameters(paramLabel = "PATH", description = "the JSONL file") Path target) throws Exception {
    return exportCommand(config(), target);
  }

  @Command(name = "reindex", description = "rebuild the search index from the database (by the"
      + " running bot when one holds the index)")
  int reindex() throws Exception {
    return reindexCommand(config());
  }

  @Command(name = "logs", description = "recent interactions (admin)")
  int logs(@Option(names = "--outcome", paramLabel = "O") Outcome outcome,
      @Option(names = "--days", paramLabel = "N", defaultValue = "7",
          description = "the last N days (default: ${DEFAULT-VALUE})") int days,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
          description = "at most N rows (default: ${DEFAULT-VALUE})") int limit) throws Exception {
    return bot().logs(outcome, within("--days", days, 1, 3650),
        within("--limit", limit, 1, 1_000_000));
  }

  @Command(name = "stats", description = "statistics as CSV (admin)")
  int stats(@Option(names = "--days", paramLabel = "N", defaultValue = "30",
      description = "the last N days (default: ${DEFAULT-VALUE})") int days)
      throws Exception {
    return bot().stats(within("--days", days, 1, 3650));
  }

  @Command(name = "export-logs", description = "interactions as CSV (admin)")
  int exportLogs(@Option(names = "--outcome", paramLabel = "O") Outcome outcome,
      @Option(names = "--days", paramLabel = "N", description = "default: all") Integer days,
      @Parameters(paramLabel = "PATH", description = "the CSV file") Path target) throws Exception {
    return bot().exportLogs(outcome, days == null ? null : within("--days", days, 1, 3650),
        target);
  }

  @Command(name = "dashboard", description = {"the web dashboard alone, read-only"
      + " (FAQBOT_DASHBOARD_PORT turns it on inside the bot)"})
  int dashboard(@Option(names = "--port", paramLabel = "N",
          description = "default: FAQBOT_DASHBOARD_PORT") Integer port,
      @Option(names = "--bind", paramLabel = "ADDR", description = "default: FAQBOT_DASHBOARD_BIND,"
          + " else 127.0.0.1") String bind,
      @Option(names = "--link-for", paramLabel = "platform:userId",
          description = "print a sign-in link for this user") String linkFor) throws Exception {
    AppConfig config = config();
    if (port == null && config.get(DashboardCommand.PORT) == null) {
      throw usage("dashboard needs --port N or " + DashboardCommand.PORT);
    }
    return DashboardCommand.run(config, port == null ? null : port.toString(), bind, linkFor, out, err);
  }

  /** picocli's own HelpCommand would clash with the inherited {@code -h}. */
  @Command(name = "migrate", description = {"copy every table of one database into another,"
      + " empty one, and check each table's rows and checksum on both sides: from a home's SQLite"
      + " to a PostgreSQL that replicas share, or back",
      "DATABASE: sqlite:PATH or postgres:jdbc:postgresql://host:port/db (user and password from"
          + " the URL, or FAQBOT_DATABASE_USER and FAQBOT_DATABASE_PASSWORD[_FILE])"})
  int migrate(@Option(names = "--from", paramLabel = "DATABASE", required = true) String from,
      @Option(names = "--to", paramLabel = "DATABASE", required = true) String to)
      throws Exception {
    try (faqbot.knowledge.Database source = database("--from", from);
        faqbot.knowledge.Database target = database("--to", to)) {
      List<faqbot.knowledge.Database.Track> schema = new ArrayList<>(KnowledgeBase.schema());
      schema.addAll(faqbot.core.SqliteStores.schema());
      List<faqbot.knowledge.DatabaseCopy.Table> tables;
      try {
        tables = faqbot.knowledge.DatabaseCopy.copy(source, target, schema);
      } catch (java.sql.SQLException e) {
        err.println("faqbot: migrate failed, " + target + " is left as it was: " + e.getMessage());
        return 1;
      }
      out.printf("%-24s %10s  %s%n", "table", "rows", "checksum");
      for (faqbot.knowledge.DatabaseCopy.Table t : tables) {
        out.printf("%-24s %10d  %s%n", t.name(), t.rows(), t.checksum());
      }
      out.println("copied " + source + " to " + target + "; every table matches");
      return 0;
    }
  }

  private faqbot.knowledge.Database database(String option, String spec) {
    if (spec.startsWith("sqlite:")) {
      Path file = Path.of(spec.substring("sqlite:".length()));
      if (option.equals("--from") && !Files.isRegularFile(file)) {
        throw usage(option + ": no SQLite database at " + file);
      }
      return faqbot.knowledge.Database.sqlite(file);
    }
    String url = spec.startsWith("postgres:") ? spec.substring("postgres:".length())
        : spec.startsWith("postgresql:") ? spec.substring("postgresql:".length()) : null;
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw usage(option + " must be sqlite:PATH or postgres:jdbc:postgresql://host/db, got: "
          + faqbot.knowledge.Database.describe(spec));
    }
    AppConfig config = config();
    return faqbot.knowledge.Database.postgresql(url, config.get("FAQBOT_DATABASE_USER"),
        faqbot.core.SecretSetting.read(env, "FAQBOT_DATABASE_PASSWORD").orElse(null));
  }

  @Command(name = "help", description = "this help, or a command's (help eval liveqa)")
  int help(@Parameters(paramLabel = "COMMAND", arity = "0..*") List<String> names) {
    CommandLine command = spec.commandLine();
    for (String name : names == null ? List.<String>of() : names) {
      command = command.getSubcommands().get(name);
      if (command == null) {
        throw usage("unknown command '" + name + "'");
      }
    }
    command.usage(out);
    return 0;
  }

  static KnowledgeBase openKnowledge(AppConfig config) throws IOException {
    return config.sharedDatabase() ? KnowledgeBase.open(config.home, config.database())
        : KnowledgeBase.open(config.home);
  }

  private int importCommand(AppConfig config, Format forced, boolean verbose, List<String> paths)
      throws Exception {
    List<Path> files = new ArrayList<>();
    // files found in a directory walk may be anything (a LICENSE, a readme): those whose format is
    // unknown are passed over; a file named on the command line must import or fail
    Set<Path> fromWalk = new java.util.HashSet<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> importable(f.getFileName().toString()))
              .sorted()
              .forEach(f -> {
                files.add(f);
                fromWalk.add(f);
              });
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new NoSuchFileException(p, null, "no such file or directory");
      }
    }
    long start = System.nanoTime();
    List<FileResult> results = new ArrayList<>();
    boolean indexedElsewhere;
    try (KnowledgeBase kb = openKnowledge(config)) {
      indexedElsewhere = !kb.holdsIndex();
      for (Path file : files) {
        String name = documentName(file);
        try {
          if (indexedElsewhere && Files.size(file) > MAX_FILE_BESIDE_BOT) {
            // a file is one transaction: this one would hold the database's write lock longer
            // than the running bot's log writer waits for it
            String why = String.format(Locale.ROOT, "%s is %,d MB, more than the %d MB that can be"
                + " imported while another faqbot process (the bot) runs: nothing imported from it;"
                + " stop the bot for it, or split the file", name, Files.size(file) >> 20,
                MAX_FILE_BESIDE_BOT >> 20);
            results.add(FileResult.failed(name, why));
            err.println("error: " + why);
            continue;
          }
          java.util.Optional<Format> detected = forced != null ? java.util.Optional.of(forced)
              : Parsers.detectFile(file, name);
          if (detected.isEmpty() && fromWalk.contains(file)) {
            results.add(FileResult.passedOver(name));
            continue;
          }
          Format format = detected.orElseThrow(
              () -> new ParseException(name, null, "unknown format (use --format)"));
          results.add(FileResult.of(kb.importFile(file, name, format)));
        } catch (ParseException e) {
          // one bad file must not cost the others: report it and go on
          results.add(FileResult.failed(name, "nothing imported: " + e.getMessage()));
          err.println("error: " + e.getMessage() + " (nothing imported from this file)");
        } catch (RuntimeException e) {
          // a record no check foresaw: the store rolled the file back
          results.add(FileResult.failed(name, "nothing imported: " + name + ": " + e));
          err.println("error: " + name + ": " + e + " (nothing imported from this file)");
        } catch (IOException e) {
          // unreadable file, or a store or index failure, whose message says what was kept
          results.add(FileResult.failed(name, name + ": " + e.getMessage()));
          err.println("error: " + name + ": " + e.getMessage());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    printSummary(results, verbose || files.size() <= 50);
    int failed = (int) results.stream().filter(r -> r.error() != null).count();
    out.printf(Locale.ROOT,
        "%d files: %d added, %d updated, %d unchanged, %d skipped, %d failed, %d passed over (%.1f s)%n",
        files.size(), results.stream().mapToInt(FileResult::added).sum(),
        results.stream().mapToInt(FileResult::updated).sum(),
        results.stream().mapToInt(FileResult::unchanged).sum(),
        results.stream().mapToInt(FileResult::skipped).sum(), failed,
        results.stream().filter(FileResult::passed).count(), seconds);
    if (indexedElsewhere) {
      out.println(INDEXED_ELSEWHERE);
    }
    return failed == 0 ? 0 : 1;
  }

  /**
   * The largest file imported beside a running bot. A file is one store transaction; storing it
   * (the bot embeds) ran at 2 to 3 MB a second, command start included, on the loaded 2-core
   * machine ({@code ImportBesideBotTest}), so this holds the write lock for at most about 6 s,
   * within the 10 s the bot's writes wait for it.
   */
  static final long MAX_FILE_BESIDE_BOT = 16L << 20;

  static final String INDEXED_ELSEWHERE = "Another faqbot process (the running bot) holds the"
      + " search index: it indexes these changes within a few seconds.";

  /** One file of an import run, for the summary. */
  private record FileResult(String name, String format, int added, int updated, int unchanged,
      int skipped, List<String> reasons, String error, boolean passed) {
    static FileResult of(ImportReport r) {
      return new FileResult(r.document(), r.format().name().toLowerCase(Locale.ROOT), r.added(),
          r.updated(), r.unchanged(), r.skippedCount(), r.skipped(), null, false);
    }

    static FileResult failed(String name, String error) {
      return new FileResult(name, null, 0, 0, 0, 0, List.of(), error, false);
    }

    static FileResult passedOver(String name) {
      return new FileResult(name, null, 0, 0, 0, 0, List.of(), null, true);
    }
  }

  /**
   * Every file's outcome; for a large run (a corpus directory) only the files that failed or
   * skipped something, unless asked for all.
   */
  private void printSummary(List<FileResult> results, boolean all) {
    int quiet = 0;
    for (FileResult r : results) {
      boolean notable = r.error() != null || r.skipped() > 0;
      if (!all && !notable) {
        // passed-over files (a LICENSE in a corpus folder) are counted in the totals line
        quiet += r.passed() ? 0 : 1;
        continue;
      }
      if (r.error() != null) {
        out.println(r.name() + ": FAILED, " + r.error());
      } else if (r.passed()) {
        out.println(r.name() + ": not a knowledge document, passed over");
      } else {
        out.printf(Locale.ROOT, "%s: %s, %d added, %d updated, %d unchanged, %d skipped%n",
            r.name(), r.format(), r.added(), r.updated(), r.unchanged(), r.skipped());
        for (String why : r.reasons()) {
          out.println("  skipped: " + why);
        }
        if (r.skipped() > r.reasons().size()) {
          out.println("  skipped: ... and " + (r.skipped() - r.reasons().size()) + " more");
        }
      }
    }
    if (quiet > 0) {
      out.println(quiet + " other files imported with nothing skipped (--verbose lists them)");
    }
  }

  private static boolean importable(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".xml") || n.endsWith(".txt") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
  }

  /** "3_GHR_QA/0000001.xml": the parent folder keeps MedQuAD's collection visible in reports. */
  static String documentName(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    String base = file.getFileName().toString();
    return parent == null || parent.getFileName() == null ? base : parent.getFileName() + "/" + base;
  }

  private int searchCommand(AppConfig config, String text, boolean json, int k) throws Exception {
    try (KnowledgeBase kb = openKnowledge(config)) {
      List<SearchHit> hits = kb.search(text, k);
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode arr = mapper.createArrayNode();
        for (SearchHit h : hits) {
          ObjectNode o = arr.addObject();
          Entry e = h.entry();
          o.put("id", e.id());
          o.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
          o.put("title", e.title());
          o.put("externalId", e.source().externalId());
          o.put("status", e.status().name().toLowerCase(Locale.ROOT));
          o.put("score", h.score());
          o.put("confidence", h.confidence());
        }
        out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } else if (hits.isEmpty()) {
        out.println("no matches");
      } else {
        int rank = 0;
        for (SearchHit h : hits) {
          Entry e = h.entry();
          out.printf(Locale.ROOT, "%2d. [%d] %s  (%s, %s, score %.3f, confidence %.3f)%n", ++rank, e.id(),
              e.title(), e.source().externalId(), e.status().name().toLowerCase(Locale.ROOT), h.score(),
              h.confidence());
        }
      }
    }
    return 0;
  }

  private int exportCommand(AppConfig config, Path target) throws Exception {
    try (KnowledgeBase kb = openKnowledge(config)) {
      // the old export stays intact until the new one is complete
      PrivateFiles.writeAtomically(target, kb::exportJsonl);
    }
    out.println("exported to " + target);
    return 0;
  }

  private int reindexCommand(AppConfig config) throws Exception {
    long start = System.nanoTime();
    try (KnowledgeBase kb = openKnowledge(config)) {
      if (!kb.holdsIndex()) {
        out.println("Another faqbot process (the running bot) holds the search index: asking it to"
            + " rebuild it and waiting (its searches use the old index meanwhile)...");
      }
      kb.reindex();
      out.printf(Locale.ROOT, "reindexed %d entries (%.1f s)%n", kb.counts().total(),
          (System.nanoTime() - start) / 1e9);
    }
    return 0;
  }
}

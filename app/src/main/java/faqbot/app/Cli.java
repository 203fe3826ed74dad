package faqbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faqbot.app.Args.UsageException;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line. Every command returns an exit code: 0 success, 1 a failure of the work
 * (a broken import file, a failed check), 2 a usage error. Errors go to stderr.
 */
final class Cli {
  /** Returned by commands that leave the bot running in other threads. */
  static final int KEEP_RUNNING = -1;

  static final String USAGE = """
      usage: faqbot [--home DIR] [COMMAND] [ARGS]

      Without a command, runs the bot on every platform whose token is configured
      (TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN), or the console chat when none is.

      commands:
        run                          run the bot (the default)
        chat [--role R]              console chat; R = patient (default), moderator or admin
        ask [--json] [TEXT]          answer one message as a patient; without TEXT, one per stdin line
        import [--format F] [--verbose] PATH...
                                     import files or directories (F: qa_page, article, medquad, jsonl);
                                     a bad file is reported and skipped, the others are imported
        search [--json] [-k N] TEXT  rank knowledge entries for a message
        export PATH                  write every entry as JSONL with its history and alternative
                                     questions (replaces PATH only when complete)
        reindex                      rebuild the search index from the database (by the running
                                     bot when one holds the index)
        eval liveqa [--split dev|test|all] [--run FILE] [--data DIR] [--threshold T]
                    [--curve] [--expect FILE]
                                     retrieval and shown-answer figures on the LiveQA 2017 medical questions
        eval questions FILE [--threshold T] [--lines] [--expect FILE]
                                     what the bot shows for messages with known answers (lay-questions JSONL)
        logs [--outcome O] [--days N] [--limit N]
                                     recent interactions (admin)
        stats [--days N]             statistics (admin)
        export-logs PATH             interactions as CSV (admin)
        dashboard [--port N] [--bind ADDR] [--link-for platform:userId]
                                     the web dashboard alone, read-only (FAQBOT_DASHBOARD_PORT
                                     turns it on inside the bot); --link-for prints a sign-in link
        bench search [--data DIR] [--rounds N]
                                     search latency with LiveQA messages as queries
        help                         this text

      The data directory is FAQBOT_HOME, or ~/.faqbot; --home overrides both. Every command
      works while the bot runs on the same directory.
      """;

  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
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

  int run(String[] argv) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    String home = null;
    if (args.size() >= 2 && args.get(0).equals("--home")) {
      home = args.get(1);
      args = args.subList(2, args.size());
    } else if (!args.isEmpty() && args.get(0).startsWith("--home=")) {
      home = args.get(0).substring("--home=".length());
      args = args.subList(1, args.size());
    }
    String command = args.isEmpty() ? "run" : args.get(0);
    List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
    AppConfig config = new AppConfig(env, home);
    try {
      if (processLogging) {
        Logging.configure(command, config);
      }
      return switch (command) {
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        case "import" -> importCommand(config, rest);
        case "search" -> searchCommand(config, rest);
        case "export" -> exportCommand(config, rest);
        case "reindex" -> reindexCommand(config, rest);
        case "eval" -> new EvalCommand(out, err).run(config, rest);
        case "bench" -> new BenchCommand(out).run(config, rest);
        case "dashboard" -> DashboardCommand.run(config, rest, out, err);
        case "run", "chat", "ask", "logs", "stats", "export-logs" ->
            new BotCommands(config, in, out, err).run(command, rest);
        default -> throw new UsageException("unknown command '" + command + "'");
      };
    } catch (UsageException e) {
      err.println("faqbot: " + e.getMessage());
      err.println("Run 'faqbot help' for usage.");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("faqbot: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("faqbot: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("faqbot: " + e);
      return 1;
    }
  }

  static KnowledgeBase openKnowledge(AppConfig config) throws IOException {
    return KnowledgeBase.open(config.home);
  }

  private int importCommand(AppConfig config, List<String> rest) throws Exception {
    Args a = Args.parse(rest, Set.of("--format"), Set.of("--verbose"));
    if (a.positional.isEmpty()) {
      throw new UsageException("import needs at least one PATH");
    }
    Format forced = null;
    if (a.options.containsKey("--format")) {
      try {
        forced = Format.valueOf(a.option("--format", "").toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--format must be one of qa_page, article, medquad, jsonl");
      }
    }
    List<Path> files = new ArrayList<>();
    // files found in a directory walk may be anything (a LICENSE, a readme): those whose format is
    // unknown are passed over; a file named on the command line must import or fail
    Set<Path> fromWalk = new java.util.HashSet<>();
    for (String p : a.positional) {
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
    printSummary(results, a.flag("--verbose") || files.size() <= 50);
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

  private int searchCommand(AppConfig config, List<String> rest) throws Exception {
    Args a = Args.parse(rest, Set.of("-k", "--limit"), Set.of("--json"));
    String text = String.join(" ", a.positional);
    if (text.isBlank()) {
      throw new UsageException("search needs TEXT");
    }
    int k = a.intOption("-k", a.intOption("--limit", 10, 1, 1000), 1, 1000);
    try (KnowledgeBase kb = openKnowledge(config)) {
      List<SearchHit> hits = kb.search(text, k);
      if (a.flag("--json")) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode arr = json.createArrayNode();
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
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
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

  private int exportCommand(AppConfig config, List<String> rest) throws Exception {
    Args a = Args.parse(rest, Set.of(), Set.of());
    if (a.positional.size() != 1) {
      throw new UsageException("export needs one PATH");
    }
    Path target = Path.of(a.positional.get(0));
    try (KnowledgeBase kb = openKnowledge(config)) {
      // the old export stays intact until the new one is complete
      PrivateFiles.writeAtomically(target, kb::exportJsonl);
    }
    out.println("exported to " + target);
    return 0;
  }

  private int reindexCommand(AppConfig config, List<String> rest) throws Exception {
    Args.parse(rest, Set.of(), Set.of());
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

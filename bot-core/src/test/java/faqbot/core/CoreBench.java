package faqbot.core;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.Parsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Throughput and latency of the whole core ({@link BotCore#process}: rate limit, triage, search,
 * reply rendering and the interaction-log append) over the full MedQuAD knowledge base, driven by
 * many simulated users on several threads. Not a test: run it by hand from the repository root:
 *
 * <pre>
 * mvn -q -pl bot-core -am -Pbench test -DskipTests
 * </pre>
 *
 * <p>Options (system properties, pass them with {@code -Dbench.args="..."} as
 * {@code key=value} words): {@code home=DIR} keeps the imported knowledge base in DIR and reuses it
 * on the next run (default: a fresh temporary directory, so every run imports MedQuAD again,
 * which takes a few minutes); {@code questions=N} (default 40000), {@code users=N} (default
 * 5000), {@code threads=N} (default 4). Questions are questions of published MedQuAD entries (60%),
 * the same with words dropped (25%), off-topic messages (no match, queued; 13%) and emergencies
 * (2%); drawn with repeats (20,000 messages hold about 14,000 different texts), and the warm-up
 * is the first 2,000 of them. With {@code distinct=true} no searched message comes twice and the
 * warm-up uses 2,000 others (only the three emergencies repeat; they are never searched): the
 * figure without help from the cache of recent messages' embeddings. Latency is measured
 * per call on the calling thread; the log write is the bounded queue append, and the report also
 * gives how long close() took to commit everything queued.
 *
 * <p>With {@code postgres=JDBC_URL} (an empty PostgreSQL database, or one a previous run filled)
 * the knowledge base of {@code home} is copied into it once ({@link faqbot.knowledge.DatabaseCopy},
 * embeddings included) and {@code replicas=N} (default 2) cores run on it, each with its own
 * search index (built at the first run in {@code home}/replica-i) and its own connection pool,
 * the messages dealt to them in turn: the figures of several replicas sharing one database,
 * log writes included.
 *
 * <p>Measured 2026-11-21 on the shared 2-core build machine (load average about 4 from other
 * jobs), MedQuAD fully imported (16,423 published, 31,034 pending entries), 40,000 messages from
 * 5,000 users: 2 threads 1,889 messages/s, p50 0.71 ms, p99 5.6 ms; 4 threads 1,531 messages/s,
 * p50 1.1 ms, p99 13.1 ms. About 1 ms of CPU per message, most of it in the knowledge search.
 *
 * <p>With the hybrid ranking (the message's embedding is most of a search), 2026-12-05, two
 * replicas on a PostgreSQL started as the tests start theirs ({@code fsync=off},
 * {@code synchronous_commit=off}), {@code questions=20000 threads=4} at load 9 to 10: 148
 * messages/s, p50 21.4 ms, p99 116 ms, 6.6 ms of JVM CPU per message and 0.5 ms in PostgreSQL
 * (the server's processes' CPU time over the run). Two cores cannot give 500 messages/s at that:
 * embedding a MedQuAD question alone takes 2.5 to 2.9 ms.
 *
 * <p>Second round, 2026-12-05 (search result with the message's meaning, a shared cache of
 * messages' embeddings, topic names looked up without automata, doc values read in order, entry
 * and title caches; answers identical), each run alternating with the previous build at load 10
 * to 16, JVM CPU per message: the default mix, {@code questions=20000}: 6.27 ms, 95 messages/s,
 * p50 30 ms, p99 183 ms against 7.77 ms, 48 messages/s, p50 72 ms, p99 291 ms;
 * {@code questions=6000}: 6.91 and 6.91 ms against 8.70 and 8.87 ms; {@code questions=6000
 * distinct=true}: 8.30 and 9.01 ms against 9.36 and 10.11 ms. Command:
 * {@code mvn -q -pl bot-core -am -Pbench test -DskipTests -Dbench.args="home=DIR
 * postgres=JDBC_URL replicas=2 questions=20000 threads=4"}.
 */
public final class CoreBench {
  private CoreBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new java.util.HashMap<>();
    for (String a : String.join(" ", args).split("\\s+")) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        opt.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    Path medquad = Path.of(opt.getOrDefault("medquad",
        System.getProperty("faqbot.shared", "../shared") + "/data/medquad"));
    if (!Files.isDirectory(medquad)) {
      System.out.println("MedQuAD not found at " + medquad + "; nothing to measure.");
      return;
    }
    int questions = Integer.parseInt(opt.getOrDefault("questions", "40000"));
    int users = Integer.parseInt(opt.getOrDefault("users", "5000"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "4"));
    distinct = Boolean.parseBoolean(opt.getOrDefault("distinct", "false"));
    Path home = opt.containsKey("home") ? Path.of(opt.get("home"))
        : Files.createTempDirectory("faqbot-bench");

    if (opt.containsKey("postgres")) {
      replicas(home, medquad, opt.get("postgres"),
          Integer.parseInt(opt.getOrDefault("replicas", "2")), questions, users, threads);
      return;
    }
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      if (kb.counts().total() == 0) {
        importAll(kb, medquad);
      }
      System.out.printf(Locale.ROOT, "knowledge base: %s%n", kb.counts());
      List<String> texts = questions(kb, questions);
      List<String> warmup = warmup(kb, texts);
      BotCore core = BotCore.create(CoreConfig.defaults()
          .withPseudonymizationKey("benchmark key, not a secret"), kb, Clock.systemUTC());
      // every run starts from an empty log and queue: only the knowledge tables are reused
      try (java.sql.Connection c = faqbot.knowledge.Sqlite.open(kb.databaseFile());
          java.sql.Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM core_queue_askers");
        st.executeUpdate("DELETE FROM core_queue");
        st.executeUpdate("DELETE FROM core_interactions");
      }
      try {
        run(List.of(core), warmup, users, warmup.size(), threads, false);
        run(List.of(core), texts, users, texts.size(), threads, true);
      } finally {
        long t0 = System.nanoTime();
        core.close();
        System.out.printf(Locale.ROOT, "close() committed the queued log rows in %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
      }
    }
  }

  private static void replicas(Path home, Path medquad, String url, int replicas, int questions,
      int users, int threads) throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      if (kb.counts().total() == 0) {
        importAll(kb, medquad);
      }
    }
    try (faqbot.knowledge.Database shared = faqbot.knowledge.Database.postgresql(url, null, null)) {
      List<faqbot.knowledge.Database.Track> schema = new ArrayList<>(KnowledgeBase.schema());
      schema.addAll(SqliteStores.schema());
      try (faqbot.knowledge.Database local = faqbot.knowledge.Database.sqlite(
          home.resolve("faqbot.db"))) {
        long t0 = System.nanoTime();
        faqbot.knowledge.DatabaseCopy.copy(local, shared, schema);
        System.out.printf(Locale.ROOT, "copied the knowledge base into PostgreSQL in %d s%n",
            (System.nanoTime() - t0) / 1_000_000_000);
      } catch (java.sql.SQLException e) {
        System.out.println("PostgreSQL holds faqbot's tables already: " + e.getMessage());
      }
    }
    List<KnowledgeBase> kbs = new ArrayList<>();
    List<BotCore> cores = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        long t0 = System.nanoTime();
        KnowledgeBase kb = KnowledgeBase.open(home.resolve("replica-" + i),
            faqbot.knowledge.Database.postgresql(url, null, null));
        kbs.add(kb);
        System.out.printf(Locale.ROOT, "replica %d: index ready in %d s%n", i,
            (System.nanoTime() - t0) / 1_000_000_000);
        cores.add(BotCore.create(CoreConfig.defaults()
            .withPseudonymizationKey("benchmark key, not a secret"), kb, Clock.systemUTC()));
      }
      try (java.sql.Connection c = kbs.get(0).database().openWriter();
          java.sql.Statement st = c.createStatement()) {
        st.executeUpdate("DELETE FROM core_queue_askers");
        st.executeUpdate("DELETE FROM core_queue");
        st.executeUpdate("DELETE FROM core_interactions");
      }
      List<String> texts = questions(kbs.get(0), questions);
      List<String> warmup = warmup(kbs.get(0), texts);
      System.out.printf(Locale.ROOT, "%d replicas on PostgreSQL%n", replicas);
      run(cores, warmup, users, warmup.size(), threads, false);
      run(cores, texts, users, texts.size(), threads, true);
    } finally {
      long t0 = System.nanoTime();
      for (BotCore core : cores) {
        core.close();
      }
      System.out.printf(Locale.ROOT, "close() committed the queued log rows in %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
      for (KnowledgeBase kb : kbs) {
        kb.close();
      }
    }
  }

  private static void importAll(KnowledgeBase kb, Path medquad) throws IOException {
    long t0 = System.nanoTime();
    List<Path> files;
    try (Stream<Path> s = Files.walk(medquad)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    List<ParsedDocument> batch = new ArrayList<>();
    int failed = 0;
    for (Path f : files) {
      String name = medquad.relativize(f).toString().replace('\\', '/');
      try {
        batch.add(Parsers.parse(Format.MEDQUAD, name, Files.readString(f, StandardCharsets.UTF_8)));
      } catch (ParseException | IOException e) {
        failed++;
      }
      if (batch.size() == 500) {
        kb.importDocuments(batch);
        batch.clear();
      }
    }
    kb.importDocuments(batch);
    System.out.printf(Locale.ROOT, "imported %d MedQuAD files (%d unreadable) in %d s%n",
        files.size(), failed, (System.nanoTime() - t0) / 1_000_000_000);
  }

  /** Set by {@code distinct=true}: no message the search embeds comes twice (see the javadoc). */
  private static boolean distinct;

  private static List<String> questions(KnowledgeBase kb, int n) {
    List<String> pool = new ArrayList<>();
    for (int offset = 0; distinct || pool.size() < 10_000; offset += 1000) {
      List<Entry> page = kb.list(offset, 1000, false);
      if (page.isEmpty()) {
        break;
      }
      for (Entry e : page) {
        // questions of published entries: most of them get answered, the path with most work
        if (e.isAnswerable() && e.question() != null && !e.question().isBlank()) {
          pool.add(e.question());
        }
      }
    }
    String[] offTopic = {"which vitamins help hair grow", "is it ok to drink coffee at night",
        "how do i get my kid to sleep", "best shoes for flat feet", "can cats get colds from people"};
    String[] emergencies = {"my husband has crushing chest pain right now",
        "I took too many pills and feel dizzy", "her face is drooping and she can't speak"};
    Random r = new Random(42);
    List<String> out = new ArrayList<>(n);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      String text;
      int kind;
      do {
        kind = r.nextInt(100);
        text = message(r, kind, pool, offTopic, emergencies);
        // emergencies are never searched (triage answers them), so they may repeat
      } while (distinct && kind < 98 && !seen.add(text));
      out.add(text);
    }
    return out;
  }

  /**
   * The messages that warm the JIT up: the first 2,000 of the run; with {@code distinct=true}
   * 2,000 others, so that the run itself repeats none of them either.
   */
  private static List<String> warmup(KnowledgeBase kb, List<String> texts) {
    int n = Math.min(2000, texts.size());
    if (!distinct) {
      return texts.subList(0, n);
    }
    List<String> more = questions(kb, texts.size() + n);
    return more.subList(texts.size(), more.size());
  }

  private static String message(Random r, int kind, List<String> pool, String[] offTopic,
      String[] emergencies) {
    if (kind < 60 || pool.isEmpty()) {
      return pool.isEmpty() ? offTopic[0] : pool.get(r.nextInt(pool.size()));
    } else if (kind < 85) {
      // a patient's wording: the question with a few words dropped and in lower case
      String[] w = pool.get(r.nextInt(pool.size())).toLowerCase(Locale.ROOT).split("\\s+");
      StringBuilder sb = new StringBuilder();
      for (String word : w) {
        if (r.nextInt(5) > 0) {
          sb.append(word).append(' ');
        }
      }
      return sb.toString().strip();
    } else if (kind < 98) {
      return offTopic[r.nextInt(offTopic.length)] + " " + r.nextInt(1000);
    }
    return emergencies[r.nextInt(emergencies.length)];
  }

  private static void run(List<BotCore> cores, List<String> texts, int users, int count,
      int threads, boolean report) throws Exception {
    long[] latency = new long[count];
    Outcome[] outcomes = new Outcome[count];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        Random r = new Random(Thread.currentThread().getId());
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          String user = "u" + r.nextInt(users);
          IncomingMessage m = IncomingMessage.text(Platform.TELEGRAM, "c" + user,
              ChatType.PRIVATE, user, null, texts.get(i));
          long s = System.nanoTime();
          // a load balancer: each replica takes every n-th message
          Turn turn = cores.get(i % cores.size()).process(m);
          latency[i] = System.nanoTime() - s;
          outcomes[i] = turn.outcome();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    long elapsed = System.nanoTime() - t0;
    long cpu = processCpuNanos() - cpu0;
    pool.shutdown();
    if (!report) {
      return;
    }
    Arrays.sort(latency);
    Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    for (Outcome o : outcomes) {
      byOutcome.merge(o, 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "%d messages, %d users, %d threads, %d cores: %.0f messages/s%n",
        count, users, threads, Runtime.getRuntime().availableProcessors(),
        count / (elapsed / 1e9));
    System.out.printf(Locale.ROOT, "latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n",
        latency[count / 2] / 1e6, latency[(int) (count * 0.9)] / 1e6,
        latency[(int) (count * 0.99)] / 1e6, latency[count - 1] / 1e6);
    System.out.println("outcomes: " + byOutcome);
    System.out.printf(Locale.ROOT, "distinct texts: %d of %d%s%n",
        new java.util.HashSet<>(texts.subList(0, count)).size(), count,
        distinct ? " (distinct=true: only emergencies repeat; warmed up on others)" : "");
    // on a shared machine wall-clock figures depend on the neighbours; CPU time per message
    // (all threads: handlers, log writer, GC, JIT) gives the capacity of idle cores
    double cpuPerMessage = cpu / 1e6 / count;
    System.out.printf(Locale.ROOT, "process CPU %.3f ms per message: about %.0f messages/s per "
        + "idle core%n", cpuPerMessage, 1000 / cpuPerMessage);
  }

  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}

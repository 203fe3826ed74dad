package faqbot.knowledge.bench;

import faqbot.knowledge.Format;
import faqbot.knowledge.ImportReport;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.Parsers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports all of MedQuAD into a fresh knowledge base, one {@code importDocument} per file (the CLI
 * streams each file through {@code importFile} instead, parsing and storing together; parsing
 * apart lets this bench time the two), and prints the time (read+parse, store+index, total), then re-imports to time the
 * all-unchanged path and reopens to check that a clean close needs no rebuild. A measurement, not
 * a test: run it by hand (from the repository root; the heap cap is the bot's budget):
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx256m -cp %classpath faqbot.knowledge.bench.ImportBench ../../shared/data/medquad target/bench-kb"
 * </pre>
 *
 * <p>Paths are relative to {@code knowledge/}. The target home is deleted first. It is left in
 * place afterwards so {@link SearchBenchmark} can reuse it.
 */
public final class ImportBench {
  private ImportBench() {}

  public static void main(String[] args) throws Exception {
    Path medquad = Paths.get(args.length > 0 ? args[0] : "../../shared/data/medquad");
    Path home = Paths.get(args.length > 1 ? args[1] : "target/bench-kb");
    deleteTree(home);
    List<Path> files = medquadFiles(medquad);

    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    long parseNanos = 0;
    long importNanos = 0;
    long parseCpu = 0;
    long importCpu = 0;
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int added = 0;
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      for (Path f : files) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ParsedDocument doc = parse(medquad, f);
        long c1 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        added += kb.importDocument(doc).added();
        importNanos += System.nanoTime() - t1;
        importCpu += threads.getCurrentThreadCpuTime() - c1;
        parseNanos += t1 - t0;
        parseCpu += c1 - c0;
      }
      long t2 = System.nanoTime();
      kb.search("warm the searcher up: what are the symptoms of diabetes?", 10);
      long firstSearch = System.nanoTime() - t2;
      System.out.printf("first import: %d files, %d entries added, %s%n", files.size(), added,
          kb.counts());
      System.out.printf("  read+parse %d ms (CPU %d ms), store+index %d ms (CPU of the importing"
              + " thread %d ms), first search (refresh) %d ms%n",
          parseNanos / 1_000_000, parseCpu / 1_000_000, importNanos / 1_000_000,
          importCpu / 1_000_000, firstSearch / 1_000_000);
    }
    System.out.printf("  total including close (final index commit) %d ms wall, %d ms process CPU%n",
        (System.nanoTime() - start) / 1_000_000, (processCpuNanos() - cpuStart) / 1_000_000);

    long reStart = System.nanoTime();
    int unchanged = 0;
    List<ParsedDocument> docs = new ArrayList<>();
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      long opened = System.nanoTime() - reStart;
      for (Path f : files) {
        docs.clear();
        docs.add(parse(medquad, f));
        for (ImportReport r : kb.importDocuments(docs)) {
          unchanged += r.unchanged();
        }
      }
      System.out.printf("reopen %d ms (no rebuild expected), re-import: %d unchanged in %d ms%n",
          opened / 1_000_000, unchanged, (System.nanoTime() - reStart) / 1_000_000);
      long r0 = System.nanoTime();
      kb.reindex();
      System.out.printf("reindex from the store %d ms%n", (System.nanoTime() - r0) / 1_000_000);
    }
    System.gc();
    System.out.printf("heap used after close %d MB of max %d MB, db %d MB, index %d MB%n",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
        Runtime.getRuntime().maxMemory() >> 20, Files.size(home.resolve("faqbot.db")) >> 20,
        treeSize(home.resolve("index")) >> 20);
  }

  /** CPU time of all threads (merges included): on a shared machine wall time says little. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static List<Path> medquadFiles(Path medquad) throws IOException {
    try (Stream<Path> s = Files.walk(medquad, 2)) {
      return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
  }

  static ParsedDocument parse(Path medquad, Path file) throws Exception {
    String name = medquad.relativize(file).toString().replace('\\', '/');
    return Parsers.parse(Format.MEDQUAD, name, Files.readString(file, StandardCharsets.UTF_8));
  }

  private static long treeSize(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}

package faqbot.app;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Imports a generated MedQuAD-style XML file and a JSONL file of {@code --mb} megabytes each
 * (200 by default) through the {@code import} command, in this JVM, and prints for each the wall
 * and CPU time and the heap it needed: the most used at any sample (every 20 ms) and the most
 * left after a garbage collection (the live set). Not a test; {@code eval/big-import.sh} runs it
 * with {@code -Xmx256m}, the bot's heap:
 *
 * <pre>
 * eval/big-import.sh [--mb 200] [--answer-chars 1500] [--dir app/target/big-import]
 * </pre>
 *
 * <p>The files are generated once into the directory and reused; the data directory is made
 * anew each run. Embedding every entry is part of the import and most of its time.
 */
public final class BigImportBench {
  private BigImportBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      opts.put(argv[i], argv[i + 1]);
    }
    long mb = Long.parseLong(opts.getOrDefault("--mb", "200"));
    int answerChars = Integer.parseInt(opts.getOrDefault("--answer-chars", "1500"));
    Path dir = Path.of(opts.getOrDefault("--dir", "app/target/big-import"));
    Set<String> only = Set.of(opts.getOrDefault("--only", "xml,jsonl").split(","));
    Files.createDirectories(dir);
    Path xml = dir.resolve("big-" + mb + "mb/0000001.xml");
    Path jsonl = dir.resolve("big-" + mb + "mb.jsonl");
    Files.createDirectories(xml.getParent());
    if (!Files.exists(xml)) {
      int pairs = BigFiles.medquadXml(xml, mb << 20, answerChars, 1);
      System.out.printf("generated %s: %d QA pairs%n", xml, pairs);
    }
    if (!Files.exists(jsonl)) {
      int lines = BigFiles.jsonl(jsonl, mb << 20, answerChars, 2);
      System.out.printf("generated %s: %d lines%n", jsonl, lines);
    }
    Path home = dir.resolve("home");
    deleteTree(home);

    HeapWatch watch = new HeapWatch();
    System.out.printf(Locale.ROOT, "max heap %d MB, %d processors%n",
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    for (Path file : List.of(xml, jsonl)) {
      String kind = file.toString().endsWith(".xml") ? "xml" : "jsonl";
      if (!only.contains(kind)) {
        continue;
      }
      System.gc();
      watch.reset();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      int code = new Cli(Map.of("FAQBOT_HOME", home.toString()), System.in,
          new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err)
          .run(new String[] {"import", file.toString()});
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "RESULT %s %d MB: exit %d, wall %.1f s, CPU %.1f s, heap used"
              + " at most %d MB (sampled), live after GC at most %d MB, of max %d MB%n",
          kind, Files.size(file) >> 20, code, wall, cpu, watch.maxUsed() >> 20,
          watch.maxAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
    watch.stop();
    System.exit(0);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Most heap used, sampled, and most heap left after a collection, from GC notifications. */
  private static final class HeapWatch {
    private final AtomicLong maxUsed = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
          if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed()).sum();
          maxAfterGc.accumulateAndGet(after, Math::max);
        }, null, null);
      }
      sampler = new Thread(() -> {
        while (running) {
          maxUsed.accumulateAndGet(
              ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void reset() {
      maxUsed.set(0);
      maxAfterGc.set(0);
    }

    long maxUsed() {
      return maxUsed.get();
    }

    long maxAfterGc() {
      return maxAfterGc.get();
    }

    void stop() {
      running = false;
    }
  }

  private static void deleteTree(Path p) throws java.io.IOException {
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

package faqbot.knowledge.bench;

import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.SearchHit;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Search latency over the full MedQuAD index with the 104 LiveQA 2017 patient messages (SUBJECT
 * and MESSAGE, as a patient sent them) as queries, cycled. Sample-time mode reports the median
 * (p0.50) and p0.99 per search; the fork runs with the bot's heap budget of 256 MB.
 *
 * <p>Not a test (surefire only runs *Test classes). Run it by hand from the repository root:
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main SearchBenchmark -jvmArgs -Xmx256m"
 * </pre>
 *
 * <p>It uses the knowledge base in {@code knowledge/target/bench-kb} (system property
 * {@code faqbot.bench.home}), importing MedQuAD from {@code ../shared} (property
 * {@code faqbot.shared}) first when that base is empty; {@link ImportBench} leaves one there.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class SearchBenchmark {
  private KnowledgeBase kb;
  private List<String> queries;

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void open() throws Exception {
    Path shared = Paths.get(System.getProperty("faqbot.shared", "../../shared"));
    Path home = Paths.get(System.getProperty("faqbot.bench.home", "target/bench-kb"));
    queries = liveQaMessages(
        shared.resolve("data/liveqa-med-2017/TREC-2017-LiveQA-Medical-Test.xml"));
    kb = KnowledgeBase.open(home);
    if (kb.counts().total() == 0) {
      Path medquad = shared.resolve("data/medquad");
      for (Path f : ImportBench.medquadFiles(medquad)) {
        ParsedDocument d = ImportBench.parse(medquad, f);
        kb.importDocument(d);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    System.gc();
    System.out.printf("%n%d entries, %d queries, heap used after GC %d MB of max %d MB%n",
        kb.counts().total(), queries.size(),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    kb.close();
  }

  @Benchmark
  @Threads(1)
  public List<SearchHit> liveQaMessage(Cursor c) {
    String q = queries.get(c.next);
    c.next = (c.next + 1) % queries.size();
    return kb.search(q, 10);
  }

  /** SUBJECT and MESSAGE of each question: what the patient wrote, nothing an assessor added. */
  static List<String> liveQaMessages(Path xml) throws Exception {
    if (!Files.exists(xml)) {
      throw new IllegalStateException("LiveQA questions not found at " + xml.toAbsolutePath());
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList qs = f.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("Original-Question");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < qs.getLength(); i++) {
      Element q = (Element) qs.item(i);
      out.add(text(q, "SUBJECT") + "\n" + text(q, "MESSAGE"));
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    NodeList n = parent.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
  }
}

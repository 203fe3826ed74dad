package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The LiveQA test split (even question ids) stays unseen: no run of seven words from a test
 * question's subject or message appears in any file of the project (sources, tables, rules, cue
 * lists, docs). Seven words are long enough that shared medical phrasing does not collide.
 */
class TestSplitLeakTest {

  private static final int SHINGLE = 7;
  private static final Pattern QUESTION = Pattern.compile(
      "<NLM-QUESTION qid=\"TQ(\\d+)\".*?<SUBJECT>(.*?)</SUBJECT>\\s*<MESSAGE>(.*?)</MESSAGE>",
      Pattern.DOTALL);

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  static Set<String> shingles(String text) {
    List<String> w = words(text);
    Set<String> out = new HashSet<>();
    for (int i = 0; i + SHINGLE <= w.size(); i++) {
      out.add(String.join(" ", w.subList(i, i + SHINGLE)));
    }
    return out;
  }

  @Test
  void noTestQuestionTextInAnyProjectFile() throws IOException {
    Path shared = Path.of(System.getProperty("faqbot.shared", "../shared"));
    Path xml = shared.resolve("data/liveqa-med-2017/TREC-2017-LiveQA-Medical-Test.xml");
    Assumptions.assumeTrue(Files.isRegularFile(xml), "LiveQA data not present: " + xml);
    Set<String> test = new HashSet<>();
    Matcher m = QUESTION.matcher(Files.readString(xml));
    int questions = 0;
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) % 2 == 0) {
        questions++;
        test.addAll(shingles(m.group(2) + " . " + m.group(3)));
      }
    }
    assertTrue(questions >= 50, "found " + questions + " test questions");
    // surefire runs in the module's directory; the project is its parent
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> leaks = new ArrayList<>();
    int files = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).filter(TestSplitLeakTest::projectFile)
          .toList()) {
        String text;
        try {
          text = Files.readString(p);
        } catch (MalformedInputException binary) {
          continue;
        }
        files++;
        for (String s : shingles(text)) {
          if (test.contains(s)) {
            leaks.add(root.relativize(p) + ": \"" + s + "\"");
            break;
          }
        }
      }
    }
    assertTrue(files > 100, "scanned " + files + " files under " + root);
    assertTrue(leaks.isEmpty(), "LiveQA test text in project files: " + leaks);
  }

  private static boolean projectFile(Path p) {
    String s = p.toString().replace('\\', '/');
    return !s.contains("/target/") && !s.contains("/.git/") && !s.contains("/.mvn/")
        && !s.endsWith(".jar") && !s.endsWith(".class");
  }
}

package faqbot.knowledge;

import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Lists the lay questions whose first answerable hit is wrong, with the types the message was read
 * as and the right topic and types, to find causes that general rules can fix.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.LayFailures -Dexec.args="$FAQBOT_HOME ../shared/data/lay-questions/lay-questions.jsonl"
 * </pre>
 */
public final class LayFailures {
  private LayFailures() {}

  private static String features(Confidence.Features f) {
    StringBuilder b = new StringBuilder("{");
    double[] x = f.vector();
    for (int i = 0; i < x.length; i++) {
      b.append(Confidence.Features.NAMES[i]).append('=').append(String.format(java.util.Locale.ROOT, "%.2f", x[i]))
          .append(i + 1 < x.length ? " " : "}");
    }
    return b.toString();
  }

  public static void main(String[] args) throws Exception {
    List<QuestionsEvaluation.Line> lay = QuestionsEvaluation.load(Path.of(args[1]));
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]));
        org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(
            org.apache.lucene.store.FSDirectory.open(Path.of(args[0], "index")))) {
      FocusDictionary topics = FocusDictionary.fromIndex(reader);
      for (QuestionsEvaluation.Line line : lay) {
        List<KnowledgeBase.Ranked> r = kb.rank(line.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
        Optional<KnowledgeBase.Ranked> shown = r.stream().filter(h -> h.entry().isAnswerable()).findFirst();
        boolean right = shown.isPresent() && line.rightAnswer(shown.get().entry());
        String got = shown.map(h -> h.entry().focus() + " / " + h.entry().questionType()
            + String.format(" p=%.2f", h.confidence()) + " " + features(h.features())).orElse("-");
        System.out.println((right ? "ok   " : "MISS ") + line.id() + " " + line.group() + " want "
            + line.focus() + " " + line.qtypes() + " | types " + QuestionTypes.asked(line.text())
            + " | topics " + topics.find(line.text() + "\n" + String.join(", ",
                ConsumerVocabulary.standard().medicalTerms(line.text()))).stream()
                .map(FocusDictionary.Mention::focusKey).toList()
            + " | got " + got);
      }
    }
  }
}

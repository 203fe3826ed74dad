package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/** Prints, for each DEV question, the topics and question types found (a tuning aid). */
public final class RetrievalExplain {
  private RetrievalExplain() {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(Path.of(args[0], "index")))) {
      FocusDictionary d = FocusDictionary.fromIndex(r);
      System.out.println("dictionary names: " + d.size());
      for (LiveQa.Question q : liveQa.judgedQuestions(LiveQa.Split.DEV)) {
        System.out.println(q.id() + " " + d.find(q.text()) + " " + QuestionTypes.detect(q.text()));
      }
    }
  }
}

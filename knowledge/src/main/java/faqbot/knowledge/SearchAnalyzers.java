package faqbot.knowledge;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis shared by indexing and querying (EnglishAnalyzer's chain plus ASCII folding,
 * so "Sjögren" finds "Sjogren", and American spelling, so "coeliac" finds "celiac"). The query side also drops the small talk that patients wrap
 * their question in: in MedQuAD such words are rare enough to look informative and would pull in
 * answers that merely mention "doctor" or "thanks".
 */
final class SearchAnalyzers {
  private SearchAnalyzers() {}

  /** Changing the analysis changes the index format: bump so old indexes are rebuilt on open. */
  static final String VERSION = "3";

  static final CharArraySet FILLER = new CharArraySet(List.of(
      "hi", "hello", "hey", "dear", "sir", "madam", "maam", "doctor", "doctors", "dr", "thank",
      "thanks", "regards", "please", "pls", "kindly", "question", "questions", "ask", "asking",
      "help", "helps", "know", "knows", "wondering", "wonder", "tell", "anyone", "somebody",
      "someone", "would", "could", "should", "can", "may", "might", "like", "want", "wanted",
      "need", "get", "got", "also", "just", "really", "very", "much", "many", "lot", "lots",
      "thing", "things", "something", "anything", "information", "info", "advice", "answer",
      "answers", "am", "im", "i", "me", "my", "we", "our", "you", "your", "he", "she", "his",
      "her", "him", "us", "what", "which", "who", "whom", "how", "why", "when", "where", "do",
      "does", "did", "have", "has", "had", "been", "being", "from", "about", "any", "some",
      "so", "ive", "i'm", "i've", "it's", "dont", "don't", "email", "mail",
      "message", "send", "sent", "reply", "respond", "response"),
      false);

  static Analyzer index() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, chain(source, false));
      }
    };
  }

  static Analyzer query() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, chain(source, true));
      }
    };
  }

  private static TokenStream chain(StandardTokenizer source, boolean query) {
    TokenStream t = new EnglishPossessiveFilter(source);
    t = new LowerCaseFilter(t);
    t = new ASCIIFoldingFilter(t);
    t = new BritishSpellingFilter(t);
    t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    if (query) {
      t = new StopFilter(t, FILLER);
    }
    return new PorterStemFilter(t);
  }
}

package faqbot.core;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import faqbot.knowledge.MatchText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Which messages are not in English, the only language the knowledge base answers in, and the
 * few sentences the bot says in other languages. A message is taken as English unless the
 * evidence is strong: a wrong "not English" would deny a patient an answer, while a foreign
 * message read as English at worst gets a no-match reply (triage reads every language anyway).
 *
 * <p>Thread-safe; the detector's profiles load once, on first use.
 */
final class Languages {

  /**
   * Below this many letters a detector guesses; such messages are taken as English unless their
   * words are common words of one other language (see {@link ShortWords}).
   */
  static final int MIN_LETTERS = 12;
  static final double MIN_PROBABILITY = 0.90;
  /**
   * Below this many letters the detector's guess alone is not enough, however sure, unless a
   * letter has an accent: it read "ibuprofen dose" as Spanish.
   */
  static final int MIN_LETTERS_ALONE = 16;
  /**
   * Below this many letters, with no accented letter, the detector's guess also needs one common
   * word of the language it guessed.
   */
  static final int MIN_LETTERS_UNWITNESSED = 40;
  /** Not English, in a language the words do not settle: answered with the English note. */
  static final String UNDETERMINED = "und";
  /** A message with this share of unmistakably English words is English, whatever the n-grams say. */
  static final double ENGLISH_WORD_SHARE = 0.20;

  /**
   * Short English words that are not words of the other languages the bot meets most ("no",
   * "me", "a", "so", "was", "in", "do" are left out on purpose). "to" is also Polish and Czech:
   * a message with more common words of one other language than English ones is not English
   * ("co to jest cukrzyca", see {@link #nonEnglish}).
   */
  private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "is", "are", "my", "you",
      "your", "what", "how", "can", "it", "with", "have", "has", "of", "to", "for", "this",
      "that", "be", "not", "i", "he", "she", "they", "am", "been", "should", "would", "could",
      "after", "from", "about", "why", "when", "get", "got", "pain", "help", "please",
      "feel", "take", "took", "had", "did", "does", "his", "her", "our", "we", "if", "or", "at",
      "there", "will", "just", "since", "days", "weeks", "years", "ago", "back", "leg", "legs",
      // and health words patients use that the other languages do not ("bleeding wont stop" was
      // read as Dutch); "dose", "normal", "test", "cause", "week", "over" are theirs too
      "on", "off", "up", "out", "down", "some", "any", "something", "very", "much", "many", "too",
      "now", "go", "today", "yesterday", "night", "morning", "day", "old", "new", "who", "which",
      "where", "than", "then", "them", "him", "their", "because", "keep", "keeps", "stop",
      "stops", "wont", "won't", "cant", "can't", "dont", "don't", "doesnt", "doesn't", "ive",
      "i've", "i'm", "its", "it's", "taken", "taking", "need", "want", "know", "think",
      "safe", "sick", "hurt", "hurts", "hurting", "sore", "throat", "stomach", "chest", "head",
      "headache", "cough", "fever", "blood", "bleeding", "breathing", "breath", "choking", "skin",
      "rash", "kid", "kids", "child", "mom", "mum", "dad", "wife", "husband", "daughter",
      "symptoms", "treatment", "pregnant", "pills", "medication", "meds", "surgery", "eat",
      "eating", "drink", "drinking", "swollen", "blue", "turning", "side", "effects", "worse",
      // and words of short English questions with nothing else English in them ("pnemonia
      // contagious" was Italian to the n-grams, "gallstone attack sympoms" Swedish)
      "vs", "versus", "contagious", "attack", "signs", "disease", "dangerous", "serious",
      "good", "bad", "food", "foods", "mine", "says");

  /** Languages the detector may answer; a profile costs memory and time, so not all of them. */
  private static final List<String> PROFILES = List.of("en", "es", "fr", "de", "pt", "it", "nl",
      "pl", "ro", "ru", "uk", "tr", "ar", "fa", "hi", "zh-CN", "zh-TW", "ja", "ko", "vi", "id",
      "tl", "sv", "da", "no", "fi", "cs", "hu", "el", "he");

  private static final Properties TEXTS = BundledTexts.read("languages.properties");

  private Languages() {}

  private static final class DetectorHolder {
    static final LanguageDetector DETECTOR = build();
    static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingShortCleanText();

    private static LanguageDetector build() {
      try {
        List<LdLocale> locales = PROFILES.stream().map(LdLocale::fromString).toList();
        return LanguageDetectorBuilder.create(NgramExtractors.standard())
            .withProfiles(new LanguageProfileReader().readBuiltIn(locales))
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("language profiles unreadable", e);
      }
    }
  }

  /**
   * Loads the detector's profiles (about a second) so that the first patient who writes in another
   * language does not wait for them; safe to call from any thread, any number of times.
   */
  static void warmUp() {
    detector();
  }

  /** The detector, or null when its profiles cannot be loaded (then every message is English). */
  private static LanguageDetector detector() {
    try {
      return DetectorHolder.DETECTOR;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * The language of a message that is clearly not English, as a code such as "es" or "zh"; null
   * for English, for messages too short to tell and when unsure.
   */
  static String nonEnglish(String text) {
    String folded = MatchText.fold(text);
    int letters = 0;
    int latin = 0;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          latin++;
        }
      }
    }
    boolean otherScript = letters > 0 && latin * 2 < letters;
    ShortWords.Counts common = otherScript ? null : ShortWords.counts(folded);
    EnglishWords english = otherScript ? null : EnglishWords.in(folded);
    if (!otherScript) {
      if (english.share() >= ENGLISH_WORD_SHARE && !common.outnumber(english.count())) {
        return null;
      }
    } else {
      // "我头疼" is too short for n-grams, but Han without kana is Chinese, Hangul Korean
      String script = byScript(folded);
      if (!script.equals("und")) {
        return script;
      }
    }
    String byWords = common == null ? null : common.language();
    if (byWords == null && common != null && common.foreignOnly(english.count())) {
      // "que es la gota": no English word, and words of Spanish, French and Portuguese; not
      // English even before the n-grams say which of them
      byWords = UNDETERMINED;
    }
    if (!otherScript && letters < MIN_LETTERS) {
      return byWords;
    }
    LanguageDetector detector = detector();
    if (detector == null) {
      // a missing detector must not turn a patient away
      return otherScript ? "und" : byWords;
    }
    List<DetectedLanguage> guesses = detector.getProbabilities(DetectorHolder.TEXT.forText(folded));
    if (guesses.isEmpty()) {
      return otherScript ? "und" : byWords;
    }
    DetectedLanguage best = guesses.get(0);
    String code = best.getLocale().getLanguage();
    if (otherScript) {
      return code;
    }
    if (UNDETERMINED.equals(byWords)) {
      return common.witnesses(code) ? code : byWords;
    }
    if (code.equals("en") || byWords != null) {
      // half the words common words of one language outweigh an n-gram guess from few letters:
      // "mujhe bukhar hai aur sir dard ho raha hai" is Hindi, not Indonesian
      return byWords;
    }
    // a short message with an English word, and neither a letter English lacks nor a common word
    // of the guessed language, is English typed in a hurry more often than not: "warfarin and
    // green vegetables vitamin k" was Dutch at 0.9, "does an epipen expire" French
    boolean sure = kinProbability(guesses) >= MIN_PROBABILITY
        && (letters >= MIN_LETTERS_UNWITNESSED || hasAccents(text)
            || letters >= MIN_LETTERS_ALONE
                && (common.witnesses(code) || english.count() == 0));
    return sure || common.confirm(code) ? code : byWords;
  }

  /**
   * Languages close enough that the n-grams split a message between them: a Danish message was
   * Danish at 0.29 and Norwegian at 0.29, neither sure, and was searched in English (41 of the 141
   * Danish development messages were, with the short words beside this). Their rules read every
   * message alike; the reply is in the language guessed first.
   */
  private static final Map<String, String> KIN = Map.of("da", "nordic", "no", "nordic",
      "sv", "nordic");

  /** The first guess's probability, with that of the guesses of its kin. */
  private static double kinProbability(List<DetectedLanguage> guesses) {
    String first = guesses.get(0).getLocale().getLanguage();
    String kin = KIN.get(first);
    double p = guesses.get(0).getProbability();
    for (int i = 1; kin != null && i < guesses.size(); i++) {
      if (kin.equals(KIN.get(guesses.get(i).getLocale().getLanguage()))) {
        p += guesses.get(i).getProbability();
      }
    }
    return p;
  }

  /** Whether a letter carries a mark English does not use ("başım ağrıyor", "boli mnie głowa"). */
  private static boolean hasAccents(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7f && Character.isLetter(c)
          && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
        return true;
      }
    }
    return false;
  }

  /**
   * The language of a text whose script has one likely writer ("und" for other scripts, which
   * several languages share: Cyrillic is Russian, Ukrainian or Bulgarian, and a Ukrainian must not
   * be answered in Russian): Han without kana is Chinese, kana Japanese, Hangul Korean.
   */
  static String byScript(String text) {
    int han = 0;
    int hangul = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      switch (Character.UnicodeScript.of(cp)) {
        case HIRAGANA, KATAKANA -> {
          return "ja";
        }
        case HAN -> han++;
        case HANGUL -> hangul++;
        default -> { }
      }
    }
    return hangul > han ? "ko" : han > 0 ? "zh" : "und";
  }

  /** How many words a text has, and how many of them are common English words. */
  private record EnglishWords(int words, int count) {
    static EnglishWords in(String text) {
      int words = 0;
      int english = 0;
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
        if (w.isEmpty()) {
          continue;
        }
        words++;
        if (ENGLISH_WORDS.contains(w)) {
          english++;
        }
      }
      return new EnglishWords(words, english);
    }

    double share() {
      return words == 0 ? 1 : (double) count / words;
    }
  }

  /** "This bot answers in English only", in the language when there is a translation. */
  static String englishOnly(String language, String emergencyNumber) {
    String own = text(language, "english-only", emergencyNumber);
    String english = "I can only answer in English. If this is an emergency, call "
        + emergencyNumber + " (or your local emergency number) now.";
    return own == null ? english : own + "\n" + english;
  }

  private static String text(String language, String key, String number) {
    if (language == null || language.equals("en")) {
      return null;
    }
    String t = TEXTS.getProperty(language + "." + key);
    return t == null ? null : t.replace("{number}", number);
  }


}

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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /** Below this many letters a detector guesses; such messages are taken as English. */
  static final int MIN_LETTERS = 12;
  static final double MIN_PROBABILITY = 0.90;
  /** A message with this share of unmistakably English words is English, whatever the n-grams say. */
  static final double ENGLISH_WORD_SHARE = 0.20;

  /**
   * Short English words that are not words of the other languages the bot meets most ("no",
   * "me", "a", "so", "was", "in", "do" are left out on purpose).
   */
  private static final Set<String> ENGLISH_WORDS = Set.of("the", "and", "is", "are", "my", "you",
      "your", "what", "how", "can", "it", "with", "have", "has", "of", "to", "for", "this",
      "that", "be", "not", "i", "he", "she", "they", "am", "been", "should", "would", "could",
      "after", "from", "about", "why", "when", "get", "got", "pain", "help", "please",
      "feel", "take", "took", "had", "did", "does", "his", "her", "our", "we", "if", "or", "at",
      "there", "will", "just", "since", "days", "weeks", "years", "ago", "back", "leg", "legs");

  /** Languages the detector may answer; a profile costs memory and time, so not all of them. */
  private static final List<String> PROFILES = List.of("en", "es", "fr", "de", "pt", "it", "nl",
      "pl", "ro", "ru", "uk", "tr", "ar", "fa", "hi", "zh-CN", "zh-TW", "ja", "ko", "vi", "id",
      "tl", "sv", "da", "no", "fi", "cs", "hu", "el", "he");

  private static final Properties TEXTS = readTexts();

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
    if (!otherScript && (letters < MIN_LETTERS || englishShare(folded) >= ENGLISH_WORD_SHARE)) {
      return null;
    }
    LanguageDetector detector = detector();
    if (detector == null) {
      return null; // a missing detector must not turn a patient away
    }
    List<DetectedLanguage> guesses = detector.getProbabilities(DetectorHolder.TEXT.forText(folded));
    if (guesses.isEmpty()) {
      return otherScript ? "und" : null;
    }
    DetectedLanguage best = guesses.get(0);
    String code = best.getLocale().getLanguage();
    if (code.equals("en")) {
      return null;
    }
    return otherScript || best.getProbability() >= MIN_PROBABILITY ? code : null;
  }

  private static double englishShare(String text) {
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
    return words == 0 ? 1 : (double) english / words;
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

  private static Properties readTexts() {
    Properties p = new Properties();
    try (InputStream in = Languages.class.getResourceAsStream("languages.properties")) {
      if (in == null) {
        throw new IllegalStateException("bundled languages.properties missing");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("languages.properties unreadable", e);
    }
  }
}

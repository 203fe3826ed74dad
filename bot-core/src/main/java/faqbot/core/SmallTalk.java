package faqbot.core;

import faqbot.knowledge.MatchText;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messages that are only a greeting, thanks or goodbye ("hi", "thanks a lot!", "hola"). They get
 * a short reply instead of "I don't have a reviewed answer", and never reach the moderators' queue,
 * which would otherwise fill with "hi" and "thank you". A message with any other word is a
 * question and goes the usual way ("hi, my back hurts" is searched).
 */
final class SmallTalk {

  enum Kind { GREETING, THANKS, BYE }

  /** Longer messages say something more than small talk, whatever their words. */
  static final int MAX_WORDS = 6;

  private static final Map<String, Kind> KEYS = Map.ofEntries(
      Map.entry("hi", Kind.GREETING), Map.entry("hello", Kind.GREETING),
      Map.entry("hey", Kind.GREETING), Map.entry("hiya", Kind.GREETING),
      Map.entry("heya", Kind.GREETING), Map.entry("howdy", Kind.GREETING),
      Map.entry("greetings", Kind.GREETING), Map.entry("morning", Kind.GREETING),
      Map.entry("afternoon", Kind.GREETING), Map.entry("evening", Kind.GREETING),
      Map.entry("hola", Kind.GREETING), Map.entry("buenos", Kind.GREETING),
      Map.entry("buenas", Kind.GREETING), Map.entry("bonjour", Kind.GREETING),
      Map.entry("bonsoir", Kind.GREETING), Map.entry("salut", Kind.GREETING),
      Map.entry("coucou", Kind.GREETING), Map.entry("hallo", Kind.GREETING),
      Map.entry("servus", Kind.GREETING), Map.entry("guten", Kind.GREETING), Map.entry("moin", Kind.GREETING),
      Map.entry("ola", Kind.GREETING), Map.entry("oi", Kind.GREETING),
      Map.entry("ciao", Kind.GREETING), Map.entry("buongiorno", Kind.GREETING),
      Map.entry("buonasera", Kind.GREETING), Map.entry("salve", Kind.GREETING),
      Map.entry("你好", Kind.GREETING), Map.entry("您好", Kind.GREETING),
      Map.entry("thanks", Kind.THANKS), Map.entry("thank", Kind.THANKS),
      Map.entry("thx", Kind.THANKS), Map.entry("ty", Kind.THANKS),
      Map.entry("tysm", Kind.THANKS), Map.entry("cheers", Kind.THANKS),
      Map.entry("gracias", Kind.THANKS), Map.entry("merci", Kind.THANKS),
      Map.entry("danke", Kind.THANKS), Map.entry("obrigado", Kind.THANKS),
      Map.entry("obrigada", Kind.THANKS), Map.entry("grazie", Kind.THANKS),
      Map.entry("谢谢", Kind.THANKS), Map.entry("多谢", Kind.THANKS),
      Map.entry("bye", Kind.BYE), Map.entry("goodbye", Kind.BYE),
      Map.entry("adios", Kind.BYE), Map.entry("tschuss", Kind.BYE),
      Map.entry("tchau", Kind.BYE), Map.entry("arrivederci", Kind.BYE),
      Map.entry("再见", Kind.BYE));

  /** The language a greeting word belongs to when it is not English, for the English-only note. */
  private static final Map<String, String> LANGUAGE = Map.ofEntries(
      Map.entry("hola", "es"), Map.entry("buenos", "es"), Map.entry("buenas", "es"),
      Map.entry("gracias", "es"), Map.entry("adios", "es"),
      Map.entry("bonjour", "fr"), Map.entry("bonsoir", "fr"), Map.entry("salut", "fr"),
      Map.entry("coucou", "fr"), Map.entry("merci", "fr"),
      Map.entry("hallo", "de"), Map.entry("guten", "de"), Map.entry("servus", "de"), Map.entry("moin", "de"),
      Map.entry("danke", "de"), Map.entry("tschuss", "de"),
      Map.entry("ola", "pt"), Map.entry("oi", "pt"), Map.entry("obrigado", "pt"),
      Map.entry("obrigada", "pt"), Map.entry("tchau", "pt"),
      Map.entry("ciao", "it"), Map.entry("buongiorno", "it"), Map.entry("buonasera", "it"),
      Map.entry("salve", "it"), Map.entry("grazie", "it"), Map.entry("arrivederci", "it"),
      Map.entry("你好", "zh"), Map.entry("您好", "zh"), Map.entry("谢谢", "zh"),
      Map.entry("多谢", "zh"), Map.entry("再见", "zh"));

  /** Words that may stand beside the key word without making the message a question. */
  private static final Set<String> FILLERS = Set.of("good", "you", "u", "so", "very", "much",
      "a", "lot", "there", "again", "all", "everyone", "everybody", "ok", "okay", "great", "nice",
      "cool", "perfect", "bot", "doc", "doctor", "dear", "guys", "folks", "for", "the", "your",
      "that", "this", "was", "helpful", "help", "and", "mate", "sir", "madam", "oh", "well",
      "many", "loads", "really", "muchas", "mucho", "dias", "tardes", "noches", "beaucoup",
      "tout", "le", "monde", "vielen", "vielmals", "tag", "abend", "morgen", "muito",
      "bom", "dia", "boa", "tarde", "noite", "mille", "tante", "de", "nada", "todos", "see", "ya", "later", "take", "care", "have", "day", "night", "nite");

  private SmallTalk() {}

  /** What kind of small talk the whole message is, or empty when it says anything more. */
  static Optional<Kind> of(String text) {
    String[] words = words(text);
    if (words.length == 0 || words.length > MAX_WORDS) {
      return Optional.empty();
    }
    Kind kind = null;
    for (String w : words) {
      Kind k = KEYS.get(w);
      if (k != null) {
        kind = kind == null ? k : kind;
      } else if (!FILLERS.contains(w)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(kind);
  }

  /** The language of the message's first non-English key word, or null. */
  static String language(String text) {
    for (String w : words(text)) {
      String language = LANGUAGE.get(w);
      if (language != null) {
        return language;
      }
    }
    return null;
  }

  private static String[] words(String text) {
    String folded = Normalizer.normalize(MatchText.fold(text), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    // Chinese is written without spaces: its key words stand alone
    folded = folded.replaceAll("(你好|您好|谢谢|多谢|再见)", " $1 ");
    String trimmed = folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
  }
}

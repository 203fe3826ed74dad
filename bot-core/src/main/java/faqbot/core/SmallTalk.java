package faqbot.core;

import faqbot.knowledge.MatchText;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messages that are only a greeting, thanks, goodbye, a nod ("ok", "got it", "no") or a request
 * for more of the last answer ("more", "tell me more"). They get a short reply instead of "I don't
 * have a reviewed answer", and never reach the moderators' queue, which would otherwise fill with
 * "hi", "ok" and "thank you". A message with any other word is a question and goes the usual way
 * ("hi, my back hurts" is searched).
 */
final class SmallTalk {

  /**
   * ACK is a nod with nothing to look up; MORE asks for the rest of the last answer. Both give way
   * to another kind in the same message ("ok thanks" is thanks).
   */
  enum Kind { GREETING, THANKS, BYE, ACK, MORE, ABOUT_BOT }

  /**
   * Asked what the bot is or does ("what can you do?", "are you a real doctor?"): searched, these
   * found nothing and went to the moderators' queue as unanswered health questions.
   */
  private static final java.util.regex.Pattern ABOUT_BOT = java.util.regex.Pattern.compile(
      "(?:(?:hi|hey|hello|ok|so|and|but) )*(?:"
          + "what (?:can|do|else can) (?:you|u) (?:do|help with|answer)"
          + "|what (?:are|r) (?:you|u)(?: for)?"
          + "|who (?:are|r) (?:you|u)"
          + "|(?:what|who) (?:is|s) this(?: bot| thing| chat| app| service)?"
          + "|how (?:does|do) (?:this|it|you)(?: bot| thing| chat)? work"
          + "|how (?:do|can|should) i use (?:this|it|you)(?: bot| thing| chat)?"
          + "|what (?:can|should) i ask(?: you| here)?"
          + "|(?:are|r) (?:you|u) (?:a |an )?(?:real |actual |human )?"
          + "(?:doctor|doc|human|person|bot|robot|ai|machine|nurse|chatbot)"
          + "|is this (?:a |an )?(?:real |actual )?(?:doctor|human|person|bot|robot|ai|chatbot)"
          + "|(?:can|could) (?:you|u) help(?: me)?)"
          + "(?: here| today)?(?: please| pls)?");

  /** Longer messages say something more than small talk, whatever their words. */
  static final int MAX_WORDS = 6;

  /** A small-talk word: its kind, and its language when it is not English (for the note). */
  private record Word(Kind kind, String language) {}

  private static final Map<String, Word> WORDS = Map.ofEntries(
      Map.entry("hi", new Word(Kind.GREETING, null)),
      Map.entry("hello", new Word(Kind.GREETING, null)),
      Map.entry("hey", new Word(Kind.GREETING, null)),
      Map.entry("hiya", new Word(Kind.GREETING, null)),
      Map.entry("heya", new Word(Kind.GREETING, null)),
      Map.entry("howdy", new Word(Kind.GREETING, null)),
      Map.entry("greetings", new Word(Kind.GREETING, null)),
      Map.entry("morning", new Word(Kind.GREETING, null)),
      Map.entry("afternoon", new Word(Kind.GREETING, null)),
      Map.entry("evening", new Word(Kind.GREETING, null)),
      Map.entry("hola", new Word(Kind.GREETING, "es")),
      Map.entry("buenos", new Word(Kind.GREETING, "es")),
      Map.entry("buenas", new Word(Kind.GREETING, "es")),
      Map.entry("bonjour", new Word(Kind.GREETING, "fr")),
      Map.entry("bonsoir", new Word(Kind.GREETING, "fr")),
      Map.entry("salut", new Word(Kind.GREETING, "fr")),
      Map.entry("coucou", new Word(Kind.GREETING, "fr")),
      Map.entry("hallo", new Word(Kind.GREETING, "de")),
      Map.entry("servus", new Word(Kind.GREETING, "de")),
      Map.entry("guten", new Word(Kind.GREETING, "de")),
      Map.entry("moin", new Word(Kind.GREETING, "de")),
      Map.entry("ola", new Word(Kind.GREETING, "pt")),
      Map.entry("oi", new Word(Kind.GREETING, "pt")),
      Map.entry("ciao", new Word(Kind.GREETING, "it")),
      Map.entry("buongiorno", new Word(Kind.GREETING, "it")),
      Map.entry("buonasera", new Word(Kind.GREETING, "it")),
      Map.entry("salve", new Word(Kind.GREETING, "it")),
      Map.entry("你好", new Word(Kind.GREETING, "zh")),
      Map.entry("您好", new Word(Kind.GREETING, "zh")),
      Map.entry("thanks", new Word(Kind.THANKS, null)),
      Map.entry("thank", new Word(Kind.THANKS, null)),
      Map.entry("thx", new Word(Kind.THANKS, null)),
      Map.entry("ty", new Word(Kind.THANKS, null)),
      Map.entry("tysm", new Word(Kind.THANKS, null)),
      Map.entry("cheers", new Word(Kind.THANKS, null)),
      Map.entry("gracias", new Word(Kind.THANKS, "es")),
      Map.entry("merci", new Word(Kind.THANKS, "fr")),
      Map.entry("danke", new Word(Kind.THANKS, "de")),
      Map.entry("obrigado", new Word(Kind.THANKS, "pt")),
      Map.entry("obrigada", new Word(Kind.THANKS, "pt")),
      Map.entry("grazie", new Word(Kind.THANKS, "it")),
      Map.entry("谢谢", new Word(Kind.THANKS, "zh")),
      Map.entry("多谢", new Word(Kind.THANKS, "zh")),
      Map.entry("bye", new Word(Kind.BYE, null)),
      Map.entry("goodbye", new Word(Kind.BYE, null)),
      Map.entry("adios", new Word(Kind.BYE, "es")),
      Map.entry("tschuss", new Word(Kind.BYE, "de")),
      Map.entry("tchau", new Word(Kind.BYE, "pt")),
      Map.entry("arrivederci", new Word(Kind.BYE, "it")),
      Map.entry("再见", new Word(Kind.BYE, "zh")),
      Map.entry("later", new Word(Kind.BYE, null)),
      Map.entry("night", new Word(Kind.BYE, null)),
      Map.entry("nite", new Word(Kind.BYE, null)),
      Map.entry("ok", new Word(Kind.ACK, null)),
      Map.entry("okay", new Word(Kind.ACK, null)),
      Map.entry("okey", new Word(Kind.ACK, null)),
      Map.entry("k", new Word(Kind.ACK, null)),
      Map.entry("kk", new Word(Kind.ACK, null)),
      Map.entry("yes", new Word(Kind.ACK, null)),
      Map.entry("yeah", new Word(Kind.ACK, null)),
      Map.entry("yep", new Word(Kind.ACK, null)),
      Map.entry("yup", new Word(Kind.ACK, null)),
      Map.entry("no", new Word(Kind.ACK, null)),
      Map.entry("nope", new Word(Kind.ACK, null)),
      Map.entry("nah", new Word(Kind.ACK, null)),
      Map.entry("sure", new Word(Kind.ACK, null)),
      Map.entry("alright", new Word(Kind.ACK, null)),
      Map.entry("fine", new Word(Kind.ACK, null)),
      Map.entry("good", new Word(Kind.ACK, null)),
      Map.entry("great", new Word(Kind.ACK, null)),
      Map.entry("cool", new Word(Kind.ACK, null)),
      Map.entry("nice", new Word(Kind.ACK, null)),
      Map.entry("perfect", new Word(Kind.ACK, null)),
      Map.entry("understood", new Word(Kind.ACK, null)),
      Map.entry("noted", new Word(Kind.ACK, null)),
      Map.entry("got", new Word(Kind.ACK, null)),
      Map.entry("see", new Word(Kind.ACK, null)),
      Map.entry("hmm", new Word(Kind.ACK, null)),
      Map.entry("hm", new Word(Kind.ACK, null)),
      Map.entry("ah", new Word(Kind.ACK, null)),
      Map.entry("oh", new Word(Kind.ACK, null)),
      Map.entry("wow", new Word(Kind.ACK, null)),
      Map.entry("lol", new Word(Kind.ACK, null)),
      Map.entry("more", new Word(Kind.MORE, null)),
      Map.entry("details", new Word(Kind.MORE, null)),
      Map.entry("continue", new Word(Kind.MORE, null)));

  /** Words that may stand beside the key word without making the message a question. */
  private static final Set<String> FILLERS = Set.of("you", "u", "so", "very", "much",
      "a", "lot", "there", "again", "all", "everyone", "everybody", "bot", "doc", "doctor", "dear",
      "guys", "folks", "for", "the", "your", "that", "this", "was", "helpful", "help", "and",
      "mate", "sir", "madam", "well", "i", "it", "makes", "sense", "tell", "me", "show", "please",
      "pls", "plz", "info", "information", "read", "full", "answer", "some",
      "many", "loads", "really", "muchas", "mucho", "dias", "tardes", "noches", "beaucoup",
      "tout", "le", "monde", "vielen", "vielmals", "tag", "abend", "morgen", "muito",
      "bom", "dia", "boa", "tarde", "noite", "mille", "tante", "de", "nada", "todos", "ya", "take", "care", "have", "day");

  private SmallTalk() {}

  /** What kind of small talk the whole message is, or empty when it says anything more. */
  static Optional<Kind> of(String text) {
    String[] words = words(text);
    if (words.length == 0 || words.length > MAX_WORDS + 2) {
      return Optional.empty();
    }
    if (ABOUT_BOT.matcher(String.join(" ", words)).matches()) {
      return Optional.of(Kind.ABOUT_BOT);
    }
    if (words.length > MAX_WORDS) {
      return Optional.empty();
    }
    Kind kind = null;
    for (String w : words) {
      Word word = WORDS.get(w);
      if (word != null) {
        // a greeting, thanks or goodbye says more than the nod beside it
        boolean weak = kind == null || kind == Kind.ACK || kind == Kind.MORE;
        kind = weak && (kind == null || word.kind().compareTo(Kind.ACK) < 0) ? word.kind() : kind;
      } else if (!FILLERS.contains(w)) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(kind);
  }

  /** The language of the message's first non-English key word, or null. */
  static String language(String text) {
    for (String w : words(text)) {
      Word word = WORDS.get(w);
      if (word != null && word.language() != null) {
        return word.language();
      }
    }
    return null;
  }

  private static String[] words(String text) {
    String folded = MatchText.withoutAccents(MatchText.fold(text));
    // Chinese is written without spaces: its key words stand alone
    folded = folded.replaceAll("(你好|您好|谢谢|多谢|再见)", " $1 ");
    String trimmed = folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
  }
}

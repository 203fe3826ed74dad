package faqbot.core;

import faqbot.core.triage.TriageResult;
import faqbot.core.triage.TriageResult.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bot says first when triage finds an emergency or something to be seen today: the
 * action (call the number, contact a clinician today), then what to do meanwhile for that kind of
 * situation. The lines live in {@code care-<language>.properties}. A message in another language
 * gets its own language's lines first, because a person in an emergency cannot be asked to read a
 * foreign language, and then the English ones, in case the language was guessed wrong. Each line
 * appears once; the configured emergency number and crisis line are named.
 */
final class CareReplies {

  static final String ENGLISH = "en";

  /** Per language, its lines, or empty where the bot has none (most languages). */
  private static final Map<String, Optional<Properties>> TEXTS = new ConcurrentHashMap<>();

  private CareReplies() {}

  /** Emergency guidance: the whole reply for an emergency or self-harm message. */
  static Reply emergency(TriageResult t, CoreConfig config, String language) {
    String number = config.emergencyNumber();
    Reply.Builder b = Reply.builder();
    boolean own = hasOwn(language);
    if (t.level() == Level.SELF_HARM) {
      if (own) {
        alert(b, language, "emergency.call", number);
      }
      b.add(Part.alert(config.crisisLine()));
      // relatives write too ("my husband says he wants to end it all"): the last line is for them
      if (own) {
        paragraph(b, language, "self-harm.taken", number);
        paragraph(b, language, "self-harm.support", number);
        paragraph(b, language, "self-harm.other", number);
      }
      paragraph(b, ENGLISH, "self-harm.taken", number);
      paragraph(b, ENGLISH, "self-harm.support", number);
      paragraph(b, ENGLISH, "self-harm.other", number);
      return b.add(Part.disclaimer(config.disclaimer())).build();
    }
    String guidance = "emergency." + t.category();
    if (own) {
      alert(b, language, "emergency.call", number);
      paragraph(b, language, guidance, number);
      paragraph(b, language, "emergency.wait", number);
    }
    alert(b, ENGLISH, "emergency.call", number);
    paragraph(b, ENGLISH, guidance, number);
    if (!own) {
      paragraph(b, ENGLISH, "emergency.wait", number);
    }
    return b.add(Part.disclaimer(config.disclaimer())).build();
  }

  /**
   * The notes that come before the normal answer of an urgent message: in the message's language
   * where the bot has the lines, then in English.
   */
  static List<Part> urgentNotes(TriageResult t, CoreConfig config, String language) {
    String english = urgentNote(t, config, ENGLISH);
    String own = hasOwn(language) ? urgentNote(t, config, language) : null;
    return own == null
        ? List.of(Part.alert(english))
        : List.of(Part.alert(own), Part.alert(english));
  }

  private static String urgentNote(TriageResult t, CoreConfig config, String language) {
    String why = line(language, "urgent." + t.category(), "");
    if (why == null) {
      why = line(language, "urgent.GENERAL", "");
    }
    String worse = line(language, "urgent.worse." + t.category(), config.emergencyNumber());
    if (worse == null) {
      worse = line(language, "urgent.worse", config.emergencyNumber());
    }
    return why == null || worse == null ? null : why + " " + worse;
  }

  /** Whether a message in this language gets lines of its own before the English ones. */
  private static boolean hasOwn(String language) {
    return language != null && !language.equals(ENGLISH) && texts(language).isPresent();
  }

  /** Whether the bot can say what to do meanwhile in this language, not just the call. */
  static boolean hasOwnGuidance(String language) {
    return hasOwn(language) && line(language, "emergency.wait", "") != null;
  }

  private static void alert(Reply.Builder b, String language, String key, String number) {
    String s = line(language, key, number);
    if (s != null) {
      b.add(Part.alert(s));
    }
  }

  private static void paragraph(Reply.Builder b, String language, String key, String number) {
    String s = line(language, key, number);
    if (s != null) {
      b.add(Part.paragraph(s));
    }
  }

  /** A line in a language, or null where that language has none for the key. */
  static String line(String language, String key, String number) {
    if (language == null) {
      return null;
    }
    return texts(language).map(p -> p.getProperty(key)).map(s -> s.replace("{number}", number))
        .orElse(null);
  }

  private static Optional<Properties> texts(String language) {
    return TEXTS.computeIfAbsent(language, CareReplies::read);
  }

  private static Optional<Properties> read(String language) {
    if (!language.matches("[a-z]{2,3}")) {
      return Optional.empty();
    }
    String resource = "care-" + language + ".properties";
    return language.equals(ENGLISH) ? Optional.of(BundledTexts.read(resource))
        : BundledTexts.find(resource);
  }
}

package faqbot.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Russian typed in Latin letters ("muzh ne mozhet dyshat"), as patients without a Cyrillic
 * keyboard write it: {@link Triage} gives the Russian rules a Cyrillic rendering of a message whose
 * words read as Russian. The rendering follows the common informal schemes (zh, kh, ch, sh, shch,
 * ts, ya/ja, yu/ju, y for ы or й); the soft sign, which such writers mostly leave out, is put
 * back where the rules know the word with it ({@link #spellings}).
 */
final class Transliteration {

  /** The rule set that reads the rendering. */
  static final String LANGUAGE = "ru";

  /**
   * Marker weight a message needs before it is rendered: two Russian words no bundled language
   * writes in Latin letters, or one with two short ones; short ones alone never do, however many
   * ("i", "u", "on" fill long English or Polish texts). English, Polish, Italian or Dutch text
   * never has the strong words, so it is never rendered (nor slowed down).
   */
  static final int THRESHOLD = 4;

  private static final int STRONG = 2;
  private static final int WEAK = 1;

  /**
   * Russian words in Latin letters: strong ones are spelled so in no other bundled language; weak
   * ones are short words that other languages also write ("ne", "on", "u", "i"), counted only
   * beside a strong one.
   */
  private static final Map<String, Integer> MARKERS = markers();

  private static Map<String, Integer> markers() {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (String w : ("chto shto chego menya mne mnoi mnoy uzhe ochen posle kogda tozhe seichas"
        + " sejchas seychas sechas segodnya vchera pomogite pomogi srochno mozhet mogu mozhem"
        + " bolit bolyat bolno silno nuzhno pochemu rebenok rebyonok rebenka muzh muzha zhena"
        + " zheny dochka vse vsyo eto etot tolko teper opyat vdrug"
        + " sovsem chut pochti tebe sebya eyo neyo nikak nichego nikogda"
        + " ploho plokho khorosho horosho dyshat dyshit zadykhaetsya zadyhaetsya zadykhayus"
        + " zadyhayus hochu khochu hochet khochet zhit zhizn bolshe tabletok tabletki vypil vypila"
        + " vypili proglotil proglotila snotvornogo golova golovy golovoi grud grudi serdce"
        + " serdtse krov krovi krovotechenie skoruyu skoraya vyzvat vyzvali umirayu umiraet"
        + " soznanie soznaniya poteryal poteryala upal upala sudorogi sudoroga rvota rvet toshnit"
        + " litso lico rebenka malysh malysha babushka dedushka sosed soseda podruga pozhaluista"
        + " pozhaluysta silnaya silnyi silno ostraya").split(" ")) {
      m.put(w, STRONG);
    }
    for (String w : "ne net ya u v i s k na on ona oni nas vas da no tak ili".split(" ")) {
      m.put(w, WEAK);
    }
    return Map.copyOf(m);
  }

  private Transliteration() {}

  /**
   * Share of a message's words that must be evidence (strong markers, or words that are Russian
   * rule words once rendered, {@link #readsInCyrillic}) before a message without enough marker
   * weight is rendered: in the development batches, 465 of 472 Russian messages rewritten in Latin
   * letters reach 0.15 with two such words, and no message of the other languages' tables does.
   */
  private static final double EVIDENCE_SHARE = 0.15;

  /**
   * Whether a message reads as Russian in Latin letters, from its tokens' summed
   * {@link #markerWeight} ({@code counts[0]}), how many were strong ({@code counts[1]}), how many
   * only the rendering makes sense of ({@code counts[2]}, {@link #readsInCyrillic}) and how many
   * words it has ({@code counts[3]}); the strong markers and the rendered words together are the
   * evidence.
   */
  static boolean readsAsRussian(int[] counts) {
    int evidence = counts[1] + counts[2];
    return counts[1] > 0 && counts[0] >= THRESHOLD
        || evidence >= 2 && evidence >= EVIDENCE_SHARE * counts[3];
  }

  /**
   * Whether a Latin-letter word, which no rule set reads as it is, is a Russian rule word once
   * rendered in Cyrillic ("zadykhaetsya", "kashlyaet"): evidence that its message is Russian
   * typed in Latin letters, since the marker list cannot hold every Russian word.
   */
  static boolean readsInCyrillic(String token, ToIntFunction<String> known) {
    if (token.length() < 3) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (!latin(token.charAt(i))) {
        return false;
      }
    }
    return known.applyAsInt(toCyrillic(token, known, false)) > 0;
  }

  static boolean strong(int weight) {
    return weight >= STRONG;
  }

  /** How strongly a normalized token says that its message is Russian in Latin letters. */
  static int markerWeight(String token) {
    Integer w = MARKERS.get(token);
    return w == null ? 0 : w;
  }

  /**
   * The text in lower case with its Latin letters rendered in Cyrillic, everything else kept; of
   * the {@link #spellings} of each rendered word, the one the rules know best ({@code known}: 2
   * for a whole rule word, 1 for a word a rule stem starts, 0 for none) is written. Where two
   * are known equally ("govorit": "говорит" or "говорить"), {@code preferSoft} chooses the one
   * with the soft sign put back; the plain one otherwise.
   */
  static String toCyrillic(String text, ToIntFunction<String> known, boolean preferSoft) {
    String s = text.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    StringBuilder word = new StringBuilder();
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\'' && i > 0 && i + 1 < n && latin(s.charAt(i - 1)) && latin(s.charAt(i + 1))) {
        word.append('ь');
        continue;
      }
      if (!latin(c)) {
        flush(word, out, known, preferSoft);
        out.append(c);
        continue;
      }
      if (s.startsWith("tsya", i) && (i + 4 == n || !latin(s.charAt(i + 4)))) {
        // the reflexive verb ending ("shevelitsya", "kazhetsya"), far commoner than "ця"
        word.append("тся");
        i += 3;
        continue;
      }
      if (s.startsWith("shch", i)) {
        word.append('щ');
        i += 3;
        continue;
      }
      if (s.startsWith("sch", i)) {
        word.append('щ');
        i += 2;
        continue;
      }
      char next = i + 1 < n ? s.charAt(i + 1) : ' ';
      if (c == 'y' && next == 'e' && i > 0 && latinConsonant(s.charAt(i - 1))) {
        // after a consonant, the plural ending ("silnye", "krasnye"), not a soft "e"
        word.append("ые");
        i++;
        continue;
      }
      String two = digraph(c, next);
      if (two != null) {
        word.append(two);
        i++;
      } else if (c == 'y') {
        // before a vowel the digraphs took it; after a vowel it is "й" (read as "и"), else "ы"
        char prev = i > 0 ? s.charAt(i - 1) : ' ';
        word.append(vowel(prev) ? 'и' : 'ы');
      } else if (c == 'x') {
        word.append("кс");
      } else {
        word.append(single(c));
      }
    }
    flush(word, out, known, preferSoft);
    return out.toString();
  }

  private static void flush(StringBuilder word, StringBuilder out, ToIntFunction<String> known,
      boolean preferSoft) {
    if (word.length() == 0) {
      return;
    }
    List<String> spellings = spellings(word.toString());
    String chosen = spellings.get(0);
    int best = known.applyAsInt(chosen);
    for (int k = 1; k < spellings.size(); k++) {
      int score = known.applyAsInt(spellings.get(k));
      if (score > best || score == best && score > 0 && preferSoft) {
        chosen = spellings.get(k);
        best = score;
      }
    }
    out.append(chosen);
    word.setLength(0);
  }

  /**
   * The spellings a rendered word may stand for: as it is, with "тс" for a "ts" read as "ц"
   * ("detstve" for "детстве"), and each of these with the soft sign that Latin-letter writers
   * leave out: at the end ("dyshat" for "дышать", "pomochitsya" for "помочиться"), before я/ю
   * ("bolyu" for "болью") and after л before a consonant ("silnaya" for "сильная").
   */
  static List<String> spellings(String token) {
    List<String> out = new ArrayList<>(8);
    addSoftened(token, out);
    if (token.indexOf('ц') >= 0) {
      addSoftened(token.replace("ц", "тс"), out);
    }
    return out;
  }

  private static void addSoftened(String token, List<String> out) {
    out.add(token);
    int n = token.length();
    if (n >= 3 && consonant(token.charAt(n - 1))) {
      out.add(token + 'ь');
    }
    if (token.endsWith("тся")) {
      out.add(token.substring(0, n - 3) + "ться");
    }
    String beforeSoftVowel = softened(token, (c, prev) -> (c == 'я' || c == 'ю') && consonant(prev));
    if (beforeSoftVowel != null) {
      out.add(beforeSoftVowel);
    }
    String afterL = softened(token, (c, prev) -> prev == 'л' && consonant(c));
    if (afterL != null) {
      out.add(afterL);
    }
  }

  private interface SoftSignPlace {
    boolean before(char c, char prev);
  }

  /** The token with a soft sign before every letter {@code place} names, or null for none. */
  private static String softened(String token, SoftSignPlace place) {
    StringBuilder soft = null;
    for (int i = 1; i < token.length(); i++) {
      char c = token.charAt(i);
      if (place.before(c, token.charAt(i - 1))) {
        if (soft == null) {
          soft = new StringBuilder(token.substring(0, i));
        }
        soft.append('ь');
      }
      if (soft != null) {
        soft.append(c);
      }
    }
    return soft == null ? null : soft.toString();
  }

  private static String digraph(char c, char next) {
    switch (c) {
      case 'z': return next == 'h' ? "ж" : null;
      case 'k': return next == 'h' ? "х" : null;
      case 'c': return next == 'h' ? "ч" : null;
      case 's': return next == 'h' ? "ш" : null;
      case 't': return next == 's' ? "ц" : null;
      case 'y':
      case 'j':
        return switch (next) {
          case 'a' -> "я";
          case 'u' -> "ю";
          case 'o', 'e' -> "е";
          default -> null;
        };
      default: return null;
    }
  }

  private static char single(char c) {
    return switch (c) {
      case 'a' -> 'а';
      case 'b' -> 'б';
      case 'v', 'w' -> 'в';
      case 'g' -> 'г';
      case 'd' -> 'д';
      case 'e' -> 'е';
      case 'z' -> 'з';
      case 'i', 'j' -> 'и';
      case 'k', 'q' -> 'к';
      case 'l' -> 'л';
      case 'm' -> 'м';
      case 'n' -> 'н';
      case 'o' -> 'о';
      case 'p' -> 'п';
      case 'r' -> 'р';
      case 's' -> 'с';
      case 't' -> 'т';
      case 'u' -> 'у';
      case 'f' -> 'ф';
      case 'h' -> 'х';
      case 'c' -> 'ц';
      default -> c;
    };
  }

  private static boolean latin(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean latinConsonant(char c) {
    return latin(c) && "aeiouy".indexOf(c) < 0;
  }

  private static boolean vowel(char c) {
    return "aeiouyаеиоуыэюя".indexOf(c) >= 0;
  }

  private static boolean consonant(char c) {
    return "бвгджзклмнпрстфхцчшщ".indexOf(c) >= 0;
  }
}

package faqbot.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Russian typed in Latin letters ("muzh ne mozhet dyshat"), as patients without a Cyrillic
 * keyboard write it: {@link Triage} gives the Russian rules a Cyrillic rendering of a message whose
 * words read as Russian. The rendering follows the common informal schemes (zh, kh, ch, sh, shch,
 * ts, ya/ja, yu/ju, y for ы or й); the soft sign, which such writers mostly leave out, is put
 * back where the rules know the word with it ({@link #spellings}).
 *
 * <p>Ukrainian typed in Latin letters ("mama ne mozhe dykhaty") is read the same way by the
 * Ukrainian rules ({@link Ukrainian}): its own marker words, the same evidence rules
 * ({@link #readsAsUkrainian}), and a rendering that looks each word up among the Ukrainian rule
 * words by a key both alphabets share, since the schemes differ more than the Russian ones (г as
 * "h" or "g", х as "kh", "h" or "x", и and й as "y", "i" or "j", я as "ia", "ya" or "ja").
 */
final class Transliteration {

  /** The rule set that reads the rendering. */
  static final String LANGUAGE = "ru";

  /** The rule set that reads the Ukrainian rendering ({@link Ukrainian}). */
  static final String UKRAINIAN = "uk";

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
    return reads(counts, 0);
  }

  /**
   * Where the Ukrainian counts start in a counts array ({@link #COUNTS} long): the same four as
   * the Russian ones of {@link #readsAsRussian}, for the Ukrainian markers and rule words.
   */
  static final int UK = 4;

  /**
   * Where the count of words spelled as no Ukrainian scheme spells stands in a counts array
   * ({@link #foreignToUkrainian}).
   */
  static final int UK_FOREIGN = 8;

  /** Length of a counts array: the Russian four, the Ukrainian four, then {@link #UK_FOREIGN}. */
  static final int COUNTS = 9;

  /** As {@link #readsAsRussian}, for Ukrainian: the same threshold and evidence share. */
  static boolean readsAsUkrainian(int[] counts) {
    return reads(counts, UK);
  }

  /**
   * Whether a message is rendered for the Ukrainian rules: it reads as Ukrainian, and not as
   * Russian unless more of its words are Ukrainian evidence than Russian (the two languages share
   * many words, and the Ukrainian rules do not know the Russian negations and cues: "boli v grudi
   * net" would read as chest pain). The Russian rendering is decided by {@link #readsAsRussian}
   * alone, so a message may be rendered for both.
   */
  static boolean rendersUkrainian(int[] counts) {
    int evidence = counts[UK + 1] + counts[UK + 2];
    return readsAsUkrainian(counts) && (!readsAsRussian(counts) || evidence > counts[1] + counts[2])
        && evidence > 2 * counts[UK_FOREIGN];
  }

  /**
   * Whether a word is spelled as no Ukrainian scheme spells one: with "w" or "q", or the Polish
   * "cz", "sz", "rz". Polish shares many words with Ukrainian ("zaraz", "dla", "tato"), and such
   * words tell its messages apart ({@link #rendersUkrainian}: the Ukrainian evidence must be more
   * than twice as many).
   */
  static boolean foreignToUkrainian(String token) {
    return token.indexOf('w') >= 0 || token.indexOf('q') >= 0 || token.contains("cz")
        || token.contains("sz") || token.contains("rz");
  }

  private static boolean reads(int[] counts, int at) {
    int evidence = counts[at + 1] + counts[at + 2];
    return counts[at + 1] > 0 && counts[at] >= THRESHOLD
        || evidence >= 2 && evidence >= EVIDENCE_SHARE * counts[at + 3];
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
   * How strongly a normalized token says that its message is Ukrainian in Latin letters: a marker
   * word, or a weak one by its shape (an infinitive "dykhaty", "povisytysia", a present
   * "vidpovidaie", "pohrozhuie", an adjective "syl'nyj"), which only lets the message's words be
   * tried as rule words ({@link #readsAsUkrainian}); it renders nothing alone.
   */
  static int ukrainianMarkerWeight(String token) {
    Integer w = UK_MARKERS.get(token);
    return w != null ? w : ukrainianShape(token) ? WEAK : 0;
  }

  /** Whether a token is one of the Ukrainian marker words (not only of a Ukrainian shape). */
  static boolean ukrainianMarkerWord(String token) {
    return UK_MARKERS.containsKey(token);
  }

  /**
   * Endings of Ukrainian words that no bundled language's Latin-letter words end in (not "-uje",
   * "-aje", "-yje": Polish "czuje", "daje", "żyje").
   */
  private static final String[] UK_ENDINGS = {"yty", "aty", "ytys", "atys", "ytysia", "ytysya",
      "ytysja", "atysia", "atysya", "atysja", "tsia", "tsya", "tsja", "uie", "uye", "aie", "yie",
      "nyi", "nyj", "kyi", "kyj"};

  private static boolean ukrainianShape(String token) {
    if (token.length() < 5) {
      return false;
    }
    for (String ending : UK_ENDINGS) {
      if (token.endsWith(ending)) {
        for (int i = 0; i < token.length(); i++) {
          if (!latin(token.charAt(i)) && token.charAt(i) != '\'') {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Ukrainian words the rendering writes whole besides the rule words, as the rules read them
   * (і for ї, и for й): short words whose letters the schemes leave ambiguous ("yii", "mii").
   */
  static final List<String> UK_COMMON = List.of(("іі іх іи иому иого міи моя моє мої твіи свіи"
      + " що щось це цеи ця ці як якии яка яке які вже дуже ще теж тут там зараз тепер він вона"
      + " вони ми ви я мене мені тебе тобі нас вас нам вам чи бо але або та не ні немає нема"
      + " ніколи нічого без від до на по при про після через коли де хто дати дав дала дали"
      + " мати має маю був була було були буде весь вся все всі сам сама день дні").split(" "));

  /**
   * Ukrainian words in Latin letters, in the official (KMU 2010) and the chat spellings: strong
   * ones are spelled so in no other bundled language's Latin-letter writing (not "zaraz", "syna",
   * "tato" or "laska", which are Polish, nor "mene", Hindi in Latin letters); weak ones are the
   * short words other languages also write.
   */
  private static final Map<String, Integer> UK_MARKERS = ukrainianMarkers();

  private static Map<String, Integer> ukrainianMarkers() {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (String w : ("shcho scho shho shchos shos meni mnoiu mnoyu yoho ioho joho yii yiyi"
        + " duzhe duge vzhe uzhe sohodni syohodni siohodni sjohodni sogodni vchora uchora"
        + " dopomozhit dopomozhy dopomozhit' dopomozhitʼ dopomohy budlaska mozhe mozhu"
        + " dykhaty dykhaie dykhaye dykhae dyhaty dyhaie dyhaye dyhae dykhaiu dykhayu dyhayu"
        + " dykhannia dykhannya bolyt bolyt' bolyat boliat sylno syl'no dytyna dytyny dytynu"
        + " dytyni dytynka dytia dytya cholovik cholovika cholovikovi druzhyna druzhyni donka"
        + " donechka batko batka babusia babusya babusi babusyu didus didusia didusya susid"
        + " susida susidka podruha tabletok tabletky pihulok pihulky pigulok vypyv vypyla vypyly"
        + " prokovtnuv prokovtnula holova holovu holovy holovi hrudy hrudi hrudiakh hrudyakh"
        + " hrudyah sertse sertsi krovotecha shvydku shvydka shvydkoi shvydkoyi shvydkoji"
        + " vtratyv vtratyla svidomist svidomosti vpav vpala znepritomniv znepritomnila sudomy"
        + " blyuye blyuie bliuie bliuye nudyt oblychchia oblychchya zhyty zhyttia zhyttya"
        + " pokinchyty pomerty vbyty khochu hochu xochu kazhe znaiu znayu tse tsey tsei tsia tsya"
        + " chy vona vony yikh yih yomu nichoho nichogo nikoly pislia pislya hodynu hodyny hodyn"
        + " khvylyn hvylyn xvylyn dyvno yakyis yakos yakos' shchos' trokhy trohy").split(" ")) {
      m.put(w, STRONG);
    }
    for (String w : "ne i v u z na do po vid ya my vin ale bo tak ni nas vas tut yak mene"
        .split(" ")) {
      m.put(w, WEAK);
    }
    return Map.copyOf(m);
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

  /**
   * The Ukrainian rendering. Ukrainian typed in Latin letters follows no one scheme: г is "h" (the
   * official KMU 2010 romanization) or "g", х "kh", "h" or "x", и and й "y", "i" or "j", я "ia",
   * "ya" or "ja", ц "ts" or "c", щ "shch" or "sch", and the soft sign and the apostrophe are left
   * out or kept. So each Latin word is looked up by a {@link #key} that both alphabets share, in
   * which the letters these schemes confuse are one: the rules' words come back whole, in the
   * spelling the rules read. A word the rules do not know is rendered letter by letter.
   */
  static final class Ukrainian {

    /** Rule words by key; where several share a key, all, the first found first. */
    private final Map<String, List<String>> words;
    /** The keys of the rule words (not of {@link #UK_COMMON}): evidence. */
    private final Set<String> ruleKeys;
    /** Rule stems by key. */
    private final Map<String, String> stems;
    /** Every start of a stem key, {@link #STEM} letters or more: where a look-up can stop. */
    private final Set<String> stemPrefixes;

    /** From the words and stems ({@link RuleSet#spelledWords}) of the Ukrainian rules. */
    Ukrainian(java.util.Collection<String> ruleWords, java.util.Collection<String> ruleStems) {
      Map<String, List<String>> w = new java.util.HashMap<>();
      Set<String> keys = new java.util.HashSet<>();
      java.util.Set<String> all = new java.util.TreeSet<>(ruleWords);
      all.addAll(UK_COMMON);
      for (String word : all) {
        String k = cyrillicKey(word);
        if (k != null && k.length() >= 2) {
          w.computeIfAbsent(k, x -> new ArrayList<>(1)).add(word);
          if (ruleWords.contains(word)) {
            keys.add(k);
          }
        }
      }
      this.ruleKeys = Set.copyOf(keys);
      Map<String, String> st = new java.util.HashMap<>();
      java.util.Set<String> prefixes = new java.util.HashSet<>();
      for (String stem : new java.util.TreeSet<>(ruleStems)) {
        String k = cyrillicKey(stem);
        if (k != null && k.length() >= STEM) {
          st.putIfAbsent(k, stem);
          for (int end = STEM; end <= k.length(); end++) {
            prefixes.add(k.substring(0, end));
          }
        }
      }
      this.words = Map.copyOf(w);
      this.stems = Map.copyOf(st);
      this.stemPrefixes = Set.copyOf(prefixes);
    }

    /** The shortest stem key read: shorter ones would start too many words. */
    private static final int STEM = 3;

    /**
     * Whether a Latin-letter word, which no rule set reads as it is, is a Ukrainian rule word
     * (or starts with a rule stem) once rendered: evidence that its message is Ukrainian typed in
     * Latin letters.
     */
    boolean readsInCyrillic(String token) {
      if (token.length() < 3) {
        return false;
      }
      for (int i = 0; i < token.length(); i++) {
        if (!latin(token.charAt(i))) {
          return false;
        }
      }
      String k = latinKey(token, null);
      return k.length() >= 3 && (ruleKeys.contains(k) || stemEnd(k) > 0);
    }

    /** The longest key prefix that is a rule stem's key, or 0. */
    private int stemEnd(String key) {
      int found = 0;
      for (int end = STEM; end <= key.length(); end++) {
        String prefix = key.substring(0, end);
        if (!stemPrefixes.contains(prefix)) {
          break;
        }
        if (stems.containsKey(prefix)) {
          found = end;
        }
      }
      return found;
    }

    /**
     * The text in lower case with its Latin words rendered in Ukrainian Cyrillic as the rules
     * read it (і for ї, и for й, no apostrophe), everything else kept.
     */
    String toCyrillic(String text) {
      String s = text.toLowerCase(Locale.ROOT);
      StringBuilder out = new StringBuilder(s.length());
      int n = s.length();
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (!latin(c)) {
          out.append(c);
          i++;
          continue;
        }
        int end = i + 1;
        while (end < n && (latin(s.charAt(end))
            || apostrophe(s.charAt(end)) && end + 1 < n && latin(s.charAt(end + 1)))) {
          end++;
        }
        out.append(word(s.substring(i, end)));
        i = end;
      }
      return out.toString();
    }

    /** One Latin word (letters and inner apostrophes) rendered. */
    String word(String latin) {
      int[] ends = new int[2 * latin.length()];
      String k = latinKey(latin, ends);
      String direct = direct(latin);
      List<String> found = words.get(k);
      if (found != null) {
        String best = found.get(0);
        int distance = distance(best, direct);
        for (int j = 1; j < found.size(); j++) {
          int d = distance(found.get(j), direct);
          if (d < distance) {
            best = found.get(j);
            distance = d;
          }
        }
        // the key leaves out much; a word far from what the letters say is another word that
        // shares its key ("daty", to give, is not "діяти", to act)
        if (distance <= Math.max(2, direct.length() / 3)) {
          return best;
        }
      }
      int stemEnd = stemEnd(k);
      if (stemEnd > 0) {
        return stems.get(k.substring(0, stemEnd)) + direct(latin, ends[stemEnd - 1]);
      }
      return direct;
    }
  }

  /**
   * The key of a word in Ukrainian Cyrillic (lower case, as the rules spell it); null when it has
   * a letter that is not Cyrillic. See {@link #latinKey}.
   */
  static String cyrillicKey(String word) {
    KeyBuilder key = new KeyBuilder(word.length() + 4, null);
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      String k = switch (c) {
        case 'а' -> "a";
        case 'б' -> "b";
        case 'в' -> "v";
        case 'г', 'ґ', 'х' -> "h";
        case 'д' -> "d";
        case 'е', 'э' -> "e";
        case 'є' -> "ie";
        case 'ж' -> "Z";
        case 'з' -> "z";
        case 'и', 'і', 'ї', 'й', 'ы' -> "i";
        case 'к' -> "k";
        case 'л' -> "l";
        case 'м' -> "m";
        case 'н' -> "n";
        case 'о' -> "o";
        case 'ё' -> "io";
        case 'п' -> "p";
        case 'р' -> "r";
        case 'с' -> "s";
        case 'т' -> "t";
        case 'у' -> "u";
        case 'ф' -> "f";
        case 'ц' -> "ts";
        case 'ч' -> "C";
        case 'ш' -> "S";
        case 'щ' -> "Q";
        case 'ю' -> "iu";
        case 'я' -> "ia";
        case 'ь', 'ъ', '\'', '’', 'ʼ' -> "";
        default -> null;
      };
      if (k == null) {
        return null;
      }
      for (int j = 0; j < k.length(); j++) {
        key.add(k.charAt(j), i + 1);
      }
    }
    return key.toString();
  }

  /**
   * The key of a Latin-letter word (lower case a-z, apostrophes inside), where {@code ends[k]}
   * ({@code 2 * word.length()} long: "c" gives two; null when not wanted) is set to the index in
   * the word after the letters that gave the key's letter k. The key
   * writes alike what the schemes write alike: г, ґ and х as "h" ("h", "g", "kh", "gh", "x"); и,
   * і, ї and й as "i" ("y", "i", "j"), a run of them as one; ц as "ts" ("c"); ж, ч, ш, щ as one
   * letter each ("zh", "ch", "sh", "shch" or "sch"); no soft sign or apostrophe; and an "i"
   * between a consonant and a vowel left out, so that я, ю, є and ьо after a consonant ("ia",
   * "ya", "ja", "a"; "syo" for "сьо") meet.
   */
  static String latinKey(String word, int[] ends) {
    KeyBuilder key = new KeyBuilder(word.length(), ends);
    int n = word.length();
    for (int i = 0; i < n; i++) {
      char c = word.charAt(i);
      char next = i + 1 < n ? word.charAt(i + 1) : ' ';
      if (word.startsWith("shch", i) || word.startsWith("sch", i)) {
        int length = word.startsWith("shch", i) ? 4 : 3;
        key.add('Q', i + length);
        i += length - 1;
        continue;
      }
      if (next == 'h' && (c == 'z' || c == 'c' || c == 's' || c == 'k' || c == 'g')) {
        key.add(c == 'z' ? 'Z' : c == 'c' ? 'C' : c == 's' ? 'S' : 'h', i + 2);
        i++;
        continue;
      }
      switch (c) {
        case 'c' -> {
          key.add('t', i + 1);
          key.add('s', i + 1);
        }
        case 'g', 'h', 'x' -> key.add('h', i + 1);
        case 'y', 'j', 'i' -> key.add('i', i + 1);
        case 'w' -> key.add('v', i + 1);
        case 'q' -> key.add('k', i + 1);
        default -> {
          if (latin(c)) {
            key.add(c, i + 1);
          } else {
            key.fix(i + 1); // an apostrophe: no letter of the key
          }
        }
      }
    }
    return key.toString();
  }

  /** Builds a key: a run of "i" as one, an "i" between a consonant and a vowel left out. */
  private static final class KeyBuilder {
    private final StringBuilder key;
    private final int[] ends;

    KeyBuilder(int capacity, int[] ends) {
      this.key = new StringBuilder(capacity);
      this.ends = ends;
    }

    void add(char c, int end) {
      int n = key.length();
      char last = n > 0 ? key.charAt(n - 1) : ' ';
      if (c == 'i' && last == 'i') {
        fix(end);
        return;
      }
      if ("aeou".indexOf(c) >= 0 && last == 'i' && n > 1 && "aeiou".indexOf(key.charAt(n - 2)) < 0) {
        key.setCharAt(n - 1, c);
        fix(end);
        return;
      }
      key.append(c);
      fix(end);
    }

    /** The last key letter came from the word up to {@code end}. */
    void fix(int end) {
      if (ends != null && key.length() > 0) {
        ends[key.length() - 1] = end;
      }
    }

    @Override
    public String toString() {
      return key.toString();
    }
  }

  /**
   * A Latin word rendered letter by letter in Ukrainian Cyrillic as the rules read it: "shch"
   * and "sch" щ, "zh" ж, "kh" х, "ch" ч, "sh" ш, "ts" and "c" ц; "ya", "ja", and "ia" inside a
   * word, я (and so "yu", "ye" ю, є); "yi" ї, read as і; "y" и, "i" і, but и for й after a vowel
   * at the end ("mii", "yakyi"); "h" and "g" г; "-tsia" after a vowel the reflexive "-ться"
   * ("-ється", "-иться"); apostrophes dropped.
   */
  static String direct(String latin) {
    return direct(latin, 0);
  }

  /** As {@link #direct(String)}, the letters from {@code from} on, read after those before. */
  private static String direct(String latin, int from) {
    StringBuilder out = new StringBuilder(latin.length());
    int n = latin.length();
    for (int i = from; i < n; i++) {
      char c = latin.charAt(i);
      char next = i + 1 < n ? latin.charAt(i + 1) : ' ';
      char prev = i > 0 ? latin.charAt(i - 1) : ' ';
      if (latin.startsWith("shch", i)) {
        out.append('щ');
        i += 3;
      } else if (c == 't' && "aeiy".indexOf(prev) >= 0 && reflexiveEnd(latin, i + 1)) {
        // the reflexive verb ending "-ється", "-иться" ("zdaietsia", "vorushytsia"), far commoner
        // in a patient's message than the "-иця" of a noun
        out.append("ться");
        break;
      } else if (latin.startsWith("sch", i)) {
        out.append('щ');
        i += 2;
      } else if (next == 'h' && (c == 'z' || c == 'k' || c == 'c' || c == 's')) {
        out.append(c == 'z' ? 'ж' : c == 'k' ? 'х' : c == 'c' ? 'ч' : 'ш');
        i++;
      } else if (c == 't' && next == 's') {
        out.append('ц');
        i++;
      } else if ((c == 'y' || c == 'j' || c == 'i' && i > 0)
          && (next == 'a' || next == 'u' || next == 'e')) {
        out.append(next == 'a' ? 'я' : next == 'u' ? 'ю' : 'є');
        i++;
      } else if ((c == 'y' || c == 'j') && next == 'i' && !latinConsonant(prev)) {
        out.append('і');
        i++;
      } else if (c == 'i' && i + 1 == n && "aeiouy".indexOf(prev) >= 0) {
        out.append('и');
      } else if (apostrophe(c)) {
        continue;
      } else {
        out.append(switch (c) {
          case 'y', 'j' -> 'и';
          case 'i' -> 'і';
          case 'h', 'g' -> 'г';
          case 'x' -> 'х';
          case 'c' -> 'ц';
          case 'e' -> 'е';
          default -> single(c);
        });
      }
    }
    return out.toString();
  }

  /** Whether the word ends at {@code i} in "sia", "sya", "sja", with or without an apostrophe. */
  private static boolean reflexiveEnd(String latin, int i) {
    String rest = latin.substring(i);
    return rest.equals("sia") || rest.equals("sya") || rest.equals("sja")
        || rest.equals("'sia") || rest.equals("'sya") || rest.equals("'sja");
  }

  /** Levenshtein distance, for choosing among rule words that share a key. */
  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diag = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int up = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
            diag + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diag = up;
      }
    }
    return row[b.length()];
  }

  private static boolean apostrophe(char c) {
    return c == '\'' || c == '’' || c == 'ʼ';
  }
}

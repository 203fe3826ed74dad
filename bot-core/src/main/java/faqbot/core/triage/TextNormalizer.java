package faqbot.core.triage;

import faqbot.knowledge.MatchText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw chat message into a canonical token sequence so that the rules can be written once
 * for the many ways patients type: lower case, one space between tokens, contractions expanded
 * ("can't", "cant" and "can not" all become "cannot"), frequent misspellings fixed, and sentence
 * punctuation kept as one-character tokens because negation must not reach across a sentence.
 */
final class TextNormalizer {

  /**
   * Canonical text: the tokens, and what each is (marks: 0 for a word, 1 for punctuation, 2 for
   * a sentence end). {@link #text} is the tokens joined by single spaces, token i at starts[i];
   * it is joined only when asked for: the rules read tokens, and their expressions run on a few
   * tokens from where they start ({@link #window}), so a long message is never joined whole.
   * Not thread-safe (one per message and call).
   */
  static final class Normalized {
    private final String[] tokens;
    private final byte[] marks;
    private String text;
    private int[] starts;

    Normalized(String[] tokens, byte[] marks) {
      this.tokens = tokens;
      this.marks = marks;
    }

    Normalized(String[] tokens) {
      this(tokens, marks(tokens));
    }

    String[] tokens() {
      return tokens;
    }

    byte[] marks() {
      return marks;
    }

    String text() {
      if (text == null) {
        starts = new int[tokens.length];
        text = join(0, tokens.length, starts);
      }
      return text;
    }

    int[] starts() {
      text();
      return starts;
    }

    /** Tokens [from, to) joined by single spaces, as {@link #text} has them. */
    String window(int from, int to) {
      return join(from, to, null);
    }

    /** Tokens [from, to) joined, each one's start noted in {@code starts} when not null. */
    private String join(int from, int to, int[] starts) {
      // copied into one char array: a builder appending 2,000 one-character tokens costs more
      // than the rest of the normalisation of a Chinese message
      int length = Math.max(0, to - from - 1);
      for (int i = from; i < to; i++) {
        length += tokens[i].length();
      }
      char[] out = new char[length];
      int at = 0;
      for (int i = from; i < to; i++) {
        if (i > from) {
          out[at++] = ' ';
        }
        if (starts != null) {
          starts[i] = at;
        }
        String t = tokens[i];
        t.getChars(0, t.length(), out, at);
        at += t.length();
      }
      return new String(out);
    }

    int size() {
      return tokens.length;
    }

    boolean isSentenceEnd(int i) {
      return marks[i] == 2;
    }

    boolean isPunctuation(int i) {
      return marks[i] != 0;
    }

    private static byte[] marks(String[] tokens) {
      byte[] out = new byte[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        out[i] = mark(tokens[i]);
      }
      return out;
    }
  }

  /** What {@link Normalized#marks} holds for the token. */
  static byte mark(String t) {
    if (t.length() == 1) {
      char c = t.charAt(0);
      if (c < 0x80) { // a Chinese message is a one-character token per ideograph
        return (byte) (SENTENCE_ENDS.indexOf(c) >= 0 ? 2 : PUNCTUATION.indexOf(c) >= 0 ? 1 : 0);
      }
    }
    return 0;
  }

  static final String PUNCTUATION = ".,;:!?";
  static final String SENTENCE_ENDS = ".;!?";
  private static final String[] PUNCTUATION_TOKENS = {".", ",", ";", ":", "!", "?"};
  // Keys are looked up first as typed (so "we're" is not read as "were"), then without apostrophes.
  private static final Map<String, String> REPLACEMENTS = new HashMap<>();

  static {
    String[][] pairs = {
      // contractions and their apostrophe-less spellings
      {"can't", "cannot"}, {"cant", "cannot"}, {"cann't", "cannot"},
      {"couldn't", "could not"}, {"couldnt", "could not"},
      {"won't", "will not"}, {"wont", "will not"}, {"wouldn't", "would not"}, {"wouldnt", "would not"},
      {"don't", "do not"}, {"dont", "do not"}, {"doesn't", "does not"}, {"doesnt", "does not"},
      {"didn't", "did not"}, {"didnt", "did not"}, {"isn't", "is not"}, {"isnt", "is not"},
      {"aren't", "are not"}, {"arent", "are not"}, {"wasn't", "was not"}, {"wasnt", "was not"},
      {"weren't", "were not"}, {"haven't", "have not"}, {"havent", "have not"},
      {"hasn't", "has not"}, {"hasnt", "has not"}, {"hadn't", "had not"}, {"hadnt", "had not"},
      {"shouldn't", "should not"}, {"ain't", "is not"}, {"aint", "is not"},
      {"i'm", "i am"}, {"im", "i am"}, {"i've", "i have"}, {"ive", "i have"}, {"i'll", "i will"},
      {"i'd", "i would"}, {"it's", "it is"}, {"he's", "he is"}, {"hes", "he is"},
      {"she's", "she is"}, {"shes", "she is"}, {"that's", "that is"}, {"thats", "that is"},
      {"what's", "what is"}, {"whats", "what is"}, {"there's", "there is"}, {"theres", "there is"},
      {"we're", "we are"}, {"they're", "they are"}, {"you're", "you are"}, {"youre", "you are"},
      {"let's", "let us"}, {"who's", "who is"},
      // chat shorthand
      {"u", "you"}, {"ur", "your"}, {"pls", "please"}, {"plz", "please"},
      {"atm", "at the moment"}, {"w/o", "without"}, {"bc", "because"}, {"cuz", "because"},
      {"hubby", "husband"}, {"mum", "mom"}, {"mommy", "mom"}, {"bub", "baby"},
      {"wanna", "want to"}, {"gonna", "going to"}, {"gotta", "have to"}, {"kinda", "kind of"},
      // misspellings seen in patient messages
      {"breth", "breathe"}, {"brethe", "breathe"}, {"breahte", "breathe"}, {"braethe", "breathe"},
      {"breate", "breathe"}, {"breathin", "breathing"}, {"brething", "breathing"},
      {"breating", "breathing"}, {"breahting", "breathing"}, {"brreathing", "breathing"},
      {"cheast", "chest"}, {"chesst", "chest"}, {"ches", "chest"}, {"chect", "chest"}, {"chets", "chest"},
      {"pian", "pain"}, {"pians", "pains"}, {"painn", "pain"},
      {"preasure", "pressure"}, {"presure", "pressure"}, {"pressur", "pressure"},
      {"stroek", "stroke"}, {"strok", "stroke"}, {"storke", "stroke"},
      {"siezure", "seizure"}, {"seizur", "seizure"}, {"sezure", "seizure"}, {"seisure", "seizure"},
      {"siezures", "seizures"}, {"siezing", "seizing"}, {"seazing", "seizing"},
      {"unconcious", "unconscious"}, {"unconsious", "unconscious"}, {"unconscience", "unconscious"},
      {"unresponsve", "unresponsive"}, {"unresposive", "unresponsive"},
      {"bleading", "bleeding"}, {"bleding", "bleeding"}, {"bloood", "blood"},
      {"alergic", "allergic"}, {"allergick", "allergic"}, {"alergy", "allergy"},
      {"anaphalaxis", "anaphylaxis"}, {"anaphylaxsis", "anaphylaxis"},
      {"epipens", "epipen"},
      {"sucide", "suicide"}, {"suicde", "suicide"}, {"suiside", "suicide"}, {"sucidal", "suicidal"},
      {"suicidle", "suicidal"}, {"suisidal", "suicidal"},
      {"myslef", "myself"}, {"mysef", "myself"},
      {"pils", "pills"}, {"pillls", "pills"}, {"tablts", "tablets"},
      {"overdoes", "overdose"}, {"od'd", "overdosed"},
      {"swolen", "swollen"}, {"sweling", "swelling"}, {"swollon", "swollen"},
      {"throught", "throat"}, {"throut", "throat"}, {"troat", "throat"},
      {"numbe", "numb"}, {"numbnes", "numbness"}, {"numbess", "numbness"},
      {"bladdder", "bladder"}, {"blader", "bladder"}, {"bowl", "bowel"}, {"bowels", "bowel"},
      {"leggs", "legs"},
      {"kyphoplasy", "kyphoplasty"}, {"kyphoplastie", "kyphoplasty"}, {"vertebroplasy", "vertebroplasty"},
      {"surgury", "surgery"}, {"sugery", "surgery"}, {"surgey", "surgery"},
      {"heaache", "headache"}, {"headach", "headache"}, {"hedache", "headache"},
      {"slured", "slurred"}, {"slurrred", "slurred"}, {"sluring", "slurring"},
      {"droping", "drooping"},
      {"passsed", "passed"}, {"feinted", "fainted"},
      {"emergancy", "emergency"}, {"emergeny", "emergency"}, {"ambulence", "ambulance"},
      {"chst", "chest"}, {"cnt", "cannot"}, {"hart", "heart"}, {"atack", "attack"}, {"attak", "attack"}, {"attac", "attack"},
      {"poisen", "poison"}, {"posion", "poison"}, {"poisened", "poisoned"},
      {"vomitting", "vomiting"},
    };
    for (String[] p : pairs) {
      REPLACEMENTS.put(p[0], p[1]);
    }
  }

  /** What the word is read as ("wont": "will not"), or null when it is read as typed. */
  static String replacement(String word) {
    return REPLACEMENTS.get(word);
  }

  /** French and Italian elided words; "it's", "don't" and the like are English contractions read first. */
  private static final Set<String> ELISIONS =
      Set.of("l", "d", "j", "n", "m", "t", "s", "c", "qu", "jusqu", "lorsqu", "puisqu",
          // Italian articles and prepositions: "un'ora", "dell'ictus", "all'improvviso"
          "un", "dell", "all", "nell", "sull", "dall", "coll", "quell", "quest", "gl", "mezz",
          "nessun", "tutt");

  /** German articles and contracted prepositions that stand before an ordinal ("am 3. Tag"). */
  private static final Set<String> ORDINAL_BEFORE =
      Set.of("der", "die", "den", "dem", "des", "im", "am", "zum", "zur", "ab", "seit", "vom",
          "beim", "ins");

  private TextNormalizer() {}

  static Normalized normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new Normalized(new String[0]);
    }
    // one copy to read from: cheaper per character than String.charAt's checks
    char[] a = raw.toCharArray();
    // read as ASCII first, the commonest case, which needs no folding: the first other character
    // stops it and the folded text is read instead (no separate pass to tell ASCII text)
    Normalized ascii = a[0] < 0x80 ? read(a, true) : null;
    if (ascii != null) {
      return ascii;
    }
    char[] quick = quickFold(a);
    return read(quick != null ? quick : foldForRules(MatchText.fold(raw)).toCharArray(), false);
  }

  /** The tokens of folded text; with {@code ascii}, null at the first character beyond ASCII. */
  private static Normalized read(char[] a, boolean ascii) {
    byte[] classes = ascii ? ASCII_CLASS : CHAR_CLASS;
    // a word is five letters and a space in the Latin languages, a token a character in Chinese
    Tokens tokens = new Tokens(ascii ? a.length / 4 + 4 : a.length + 4);
    Word word = new Word();
    int n = a.length;
    for (int i = 0; i < n; i++) {
      char c = a[i];
      // the common characters by one table read: what they are, and a letter's lower case
      switch (classes[c]) {
        case C_WORD -> {
          word.append(LOWER[c]);
          continue;
        }
        case C_SPACE -> {
          flush(word, tokens); // the commonest separator, which adds no token
          continue;
        }
        case C_IDEOGRAPH -> {
          // Chinese and Japanese have no spaces, Korean few that rules can trust: each character is
          // a token, and rules name words as character sequences (see PhrasePattern)
          if (word.length() > 0) {
            flush(word, tokens);
          }
          tokens.addIdeograph(c);
          continue;
        }
        case C_FOREIGN -> {
          return null; // only in ASCII_CLASS
        }
        default -> { }
      }
      if (c == '\u3002' || c == '\u3001') {
        // the ideographic full stop and comma, which NFKC keeps
        flush(word, tokens);
        appendPunctuation(tokens, c == '\u3002' ? '.' : ',');
      } else if (isApostrophe(c)) {
        // an apostrophe only matters inside a word ("can't"); quotes around words are dropped
        if (word.length() > 0) {
          word.append('\'');
        }
      } else if (c == '.' && word.length() > 0 && Character.isDigit(word.charAt(word.length() - 1))
          && i + 1 < n && Character.isDigit(a[i + 1])) {
        word.append('.'); // a decimal like 38.5 stays one token
      } else if (c == '.' && isShortNumber(word) && i + 2 < n && a[i + 1] == ' '
          && ((a[i + 2] >= 'a' && a[i + 2] <= 'z')
              || (a[i + 2] >= 'A' && a[i + 2] <= 'Z' && !tokens.isEmpty()
                  && ORDINAL_BEFORE.contains(tokens.get(tokens.size() - 1))))) {
        // an ordinal ("in der 9. woche", "32. ssw"), not the end of a sentence: a lower-case word
        // follows, or a German article ("in der 20. Woche", whose noun is capitalised), and a
        // sentence end would cut the week off from the pregnancy it dates
        flush(word, tokens);
      } else if (c == '/' && word.length() == 1 && word.charAt(0) == 'w' && i + 1 < n
          && (a[i + 1] == 'o' || a[i + 1] == 'O')
          && (i + 2 >= n || !Character.isLetterOrDigit(a[i + 2]))) {
        word.clear();
        word.append('w');
        word.append('/');
        word.append('o');
        i++;
      } else {
        flush(word, tokens);
        // a list dash before any word separates nothing
        appendPunctuation(tokens, c == '\n' || c == '\r' ? '.'
            : isListDash(a, i) ? (tokens.isEmpty() ? ' ' : ',') : c);
      }
    }
    flush(word, tokens);
    return tokens.normalized();
  }

  /** Per character of {@link #CHAR_CLASS}: none of the others, read by the rest of the loop. */
  private static final byte C_OTHER = 0;
  /** A letter or digit of a word (not an ideograph); {@link #LOWER} is what the word gets. */
  private static final byte C_WORD = 1;
  private static final byte C_SPACE = 2;
  /** A character that is a token of its own ({@link #isIdeograph}). */
  private static final byte C_IDEOGRAPH = 3;
  /** In {@link #ASCII_CLASS} only: a character beyond ASCII, in a text read as ASCII. */
  private static final byte C_FOREIGN = 4;
  private static final byte[] CHAR_CLASS = new byte[0x10000];
  /** {@link #CHAR_CLASS} for ASCII, C_FOREIGN beyond. */
  private static final byte[] ASCII_CLASS = new byte[0x10000];
  private static final char[] LOWER = new char[0x10000];

  static {
    for (int i = 0; i < 0x10000; i++) {
      char c = (char) i;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        CHAR_CLASS[i] = C_WORD;
        LOWER[i] = c;
      } else if (c == ' ') {
        CHAR_CLASS[i] = C_SPACE;
      } else if (c >= 'A' && c <= 'Z') {
        CHAR_CLASS[i] = C_WORD;
        LOWER[i] = (char) (c + ('a' - 'A'));
      } else if (c >= 0x80 && isIdeograph(c)) {
        CHAR_CLASS[i] = C_IDEOGRAPH;
      } else if (c >= 0x80 && Character.isLetterOrDigit(c)) {
        CHAR_CLASS[i] = C_WORD;
        LOWER[i] = Character.toLowerCase(c);
      } else if (isWordMark(c)) {
        CHAR_CLASS[i] = C_WORD;
        LOWER[i] = c;
      }
    }
    for (int i = 0; i < 0x10000; i++) {
      ASCII_CLASS[i] = i < 0x80 ? CHAR_CLASS[i] : C_FOREIGN;
    }
  }

  /** The text as the rules read it: {@link MatchText#fold}, then {@link #foldForRules}. */
  static String fold(String raw) {
    String fast = quickFold(raw);
    return fast != null ? fast : foldForRules(MatchText.fold(raw));
  }

  /**
   * What {@link #fold} makes of each character that is the same on its own as in any text: its
   * NFKC form is one character that composes with nothing, it is no format character or mark,
   * and a letter is Latin, Han (kana and Hangul with it), Cyrillic or Arabic; or it is a combining mark, which the fold
   * drops. Null for the rest. Most messages in the bundled
   * languages have only such characters, and then the text folds one character at a time,
   * without the whole-text NFKC, NFD and script lookups, which cost more than the rest of the
   * triage.
   */
  private static final String[] QUICK = new String[0x10000];
  /**
   * Per character: 0 not a QUICK character, else the Q_ bits of what it is. Read once per
   * character of every message that is not ASCII, so one table holds all that is asked.
   */
  private static final byte[] QUICK_FLAGS = new byte[0x10000];
  private static final int Q_OTHER = 1;
  private static final int Q_LATIN = 2;
  private static final int Q_HAN = 4;
  private static final int Q_CYRILLIC = 8;
  private static final int Q_ARABIC = 32;
  /** A combining mark, which the fold drops (and which joins the word it stands in). */
  private static final int Q_MARK = 64;
  /** Scripts whose letters a word may not mix with Latin ones (the look-alike fold's words). */
  private static final int Q_NOT_LATIN = Q_HAN | Q_CYRILLIC | Q_ARABIC;
  /** The character does not fold to itself. */
  private static final int Q_CHANGES = 16;
  /** The longest fold of a QUICK character ("ß" is "ss"). */
  private static int quickLongest = 1;

  static {
    for (char c = 0; c < 0x80; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      QUICK[c] = String.valueOf(c);
      QUICK_FLAGS[c] = (byte) (letter ? Q_LATIN : Q_OTHER);
    }
    // Arabic and the Vietnamese letters of Latin Extended Additional too: their messages took
    // the whole-text path for letters that fold the same on their own
    int[][] ranges = {{0x80, 0x24f}, {0x400, 0x4ff}, {0x600, 0x6ff}, {0x1e00, 0x1eff},
        {0x3000, 0x303f}, {0x3040, 0x30ff}, {0x4e00, 0x9fff}, {0xac00, 0xd7a3}, {0xff01, 0xff5e}};
    for (int[] range : ranges) {
      for (int c = range[0]; c <= range[1]; c++) {
        String one = String.valueOf((char) c);
        String n = Normalizer.normalize(one, Normalizer.Form.NFKC);
        if (n.length() != 1 || (n.charAt(0) != c && n.charAt(0) >= 0x80)) {
          continue;
        }
        char o = n.charAt(0);
        if (isFormatOrMark(c) || isFormatOrMark(o) || Character.isSurrogate((char) c)) {
          continue;
        }
        int kind = Q_OTHER;
        if (Character.isLetter(o)) {
          Character.UnicodeScript script = Character.UnicodeScript.of(o);
          kind = script == Character.UnicodeScript.LATIN ? Q_LATIN
              : script == Character.UnicodeScript.HAN ? Q_HAN
              : script == Character.UnicodeScript.CYRILLIC ? Q_CYRILLIC
              : script == Character.UnicodeScript.ARABIC ? Q_ARABIC
              // kana (and the long-vowel mark "ー") and Hangul syllables are tokens of their
              // own, like Han, and fold to themselves
              : kanaOrHangul((char) c) ? Q_HAN : 0;
        }
        if (kind != 0) {
          QUICK[c] = foldForRules(n);
          QUICK_FLAGS[c] = (byte) (kind | (QUICK[c].equals(one) ? 0 : Q_CHANGES));
          quickLongest = Math.max(quickLongest, QUICK[c].length());
        }
      }
    }
    // accents typed as combining marks (Vietnamese and macOS text) and Arabic vowel marks: the
    // fold drops every mark after NFKC and NFD, whatever it stands beside, so one that NFKC keeps
    // a mark is dropped here; the rest of the text folds as it would without it
    int[][] marks = {{0x300, 0x36f}, {0x610, 0x61a}, {0x64b, 0x65f}, {0x670, 0x670},
        {0x6d6, 0x6ed}};
    for (int[] range : marks) {
      for (int c = range[0]; c <= range[1]; c++) {
        String n = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
        boolean onlyMarks = Character.getType(c) == Character.NON_SPACING_MARK;
        for (int k = 0; k < n.length(); k++) {
          onlyMarks &= Character.getType(n.charAt(k)) == Character.NON_SPACING_MARK;
        }
        if (onlyMarks) {
          QUICK[c] = "";
          QUICK_FLAGS[c] = (byte) (Q_MARK | Q_CHANGES);
        }
      }
    }
  }

  private static boolean isFormatOrMark(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /**
   * {@link #fold} for a text of QUICK characters in which no word mixes Latin letters with Han,
   * Cyrillic or Arabic ones (those words go through the look-alike folding); null for any other text.
   */
  static String quickFold(String raw) {
    char[] a = raw.toCharArray();
    char[] f = quickFold(a);
    return f == null ? null : f == a ? raw : new String(f);
  }

  /** As {@link #quickFold(String)}; the same array when nothing changes. */
  private static char[] quickFold(char[] a) {
    int word = 0; // the Q_ bits of the word so far
    int all = 0;
    int n = a.length;
    for (int i = 0; i < n; i++) {
      int f = QUICK_FLAGS[a[i]];
      if (f == 0) {
        return null;
      }
      all |= f;
      if ((f & Q_OTHER) != 0) {
        word = 0;
      } else {
        word |= f;
        if ((word & Q_LATIN) != 0 && (word & Q_NOT_LATIN) != 0) {
          return null;
        }
      }
    }
    if ((all & Q_CHANGES) == 0) {
      return a; // Chinese text, or Latin text without accents: nothing to copy
    }
    char[] out = new char[quickLongest * n];
    int at = 0;
    for (int i = 0; i < n; i++) {
      char c = a[i];
      if ((QUICK_FLAGS[c] & Q_CHANGES) == 0) {
        out[at++] = c;
      } else {
        String f = QUICK[c];
        f.getChars(0, f.length(), out, at);
        at += f.length();
      }
    }
    return java.util.Arrays.copyOf(out, at);
  }

  private static boolean isShortNumber(Word word) {
    int len = word.length();
    if (len == 0 || len > 2) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (!Character.isDigit(word.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** The normalized form of tokens that are already canonical. */
  static Normalized join(String[] arr) {
    return new Normalized(arr);
  }

  /**
   * A dash or bullet standing alone ("no sleep - no hope - bought a rope") separates items like a
   * comma, so a negation in one item does not reach the next; "x-ray" keeps its hyphen.
   */
  private static boolean isListDash(char[] s, int i) {
    char c = s[i];
    if (c != '-' && c != '\u2013' && c != '\u2014' && c != '\u2022') {
      return false;
    }
    boolean spaceBefore = i == 0 || Character.isWhitespace(s[i - 1]);
    boolean spaceAfter = i + 1 >= s.length || Character.isWhitespace(s[i + 1]);
    return spaceBefore && spaceAfter || c == '\u2022';
  }

  private static void appendPunctuation(Tokens tokens, char p) {
    if (PUNCTUATION.indexOf(p) < 0) {
      return;
    }
    // "!!!" or "..." collapse into one boundary token
    String last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    if (last == null || last.length() != 1 || PUNCTUATION.indexOf(last.charAt(0)) < 0) {
      tokens.add(PUNCTUATION_TOKENS[PUNCTUATION.indexOf(p)]);
    }
  }

  /**
   * One string per ideograph, made once: a Chinese message is a token per character, and a
   * shared string keeps its hash for every lookup that follows. A race makes an extra copy at
   * worst; strings are safely shared.
   */
  private static final String[] IDEOGRAPHS = new String[0x10000];

  private static String ideograph(char c) {
    String s = IDEOGRAPHS[c];
    if (s == null) {
      s = String.valueOf(c);
      IDEOGRAPHS[c] = s;
    }
    return s;
  }

  static boolean isIdeograph(char c) {
    // the common blocks first: a script lookup per character is a binary search. Hangul syllables
    // too: Korean writes its particles and endings onto the word ("숨을", "쉬어요") and often
    // leaves out the spaces ("숨을못쉬겠어"), so a syllable per token lets a rule name the stem
    // as Chinese rules name their words
    if ((c >= '\u4e00' && c <= '\u9fff') || kanaOrHangul(c)) {
      return true;
    }
    if (c < '\u3400') {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  /**
   * Rules are written without accents ("respiracion" matches "respiración" and "respiracion",
   * as patients type both); ligatures and sharp s are spelled out.
   */
  static String foldForRules(String s) {
    if (!hasAccentsOrLigatures(s)) {
      return s;
    }
    String d = decompose(s);
    StringBuilder out = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (c >= '\u0900' && c <= '\u097f') {
        devanagari(c, out);
        continue;
      }
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      switch (c) {
        case '\u00df' -> out.append("ss");
        case '\u0153' -> out.append("oe");
        case '\u0152' -> out.append("OE");
        case '\u00e6' -> out.append("ae");
        case '\u00c6' -> out.append("AE");
        case '\u00f8' -> out.append('o');
        case '\u00d8' -> out.append('O');
        // Turkish dotless i: "alamıyor" as patients also type it, "alamiyor" (and "I" lower-cased
        // is "i", not "ı"); Vietnamese d with stroke, which NFD does not split: "đau" as "dau"
        case '\u0131' -> out.append('i');
        case '\u0111' -> out.append('d');
        case '\u0110' -> out.append('D');
        // Arabic: the hamza forms of alef, waw and ya are split off by NFD above; ta marbuta is
        // written ha and alef maqsura ya as often as not, tatweel only stretches a word, Persian
        // keyboards give their own ya and kaf, and Arabic-Indic digits are digits
        case '\u0629' -> out.append('\u0647');
        case '\u0649', '\u06cc' -> out.append('\u064a');
        case '\u06a9' -> out.append('\u0643');
        case '\u0671' -> out.append('\u0627');
        case '\u0640' -> { }
        case '\u060c' -> out.append(',');
        case '\u061b' -> out.append(';');
        case '\u061f' -> out.append('?');
        default -> {
          if (c >= '\u0660' && c <= '\u0669') {
            out.append((char) ('0' + c - '\u0660'));
          } else if (c >= '\u06f0' && c <= '\u06f9') {
            out.append((char) ('0' + c - '\u06f0'));
          } else {
            out.append(c);
          }
        }
      }
    }
    // the ideographs are whole again: NFD leaves them alone
    return out.toString();
  }

  /** Kana (with the long-vowel mark "ー") or a Hangul syllable: a token of its own, like Han. */
  private static boolean kanaOrHangul(char c) {
    return (c >= '\u3040' && c <= '\u30ff') || (c >= '\uac00' && c <= '\ud7a3');
  }

  /**
   * NFD of the text, except kana and Hangul syllables, which stay whole: NFD would split "が" into
   * "か" and a voicing mark that the fold then drops, and a syllable into jamo, when a Japanese or
   * Korean message also holds an accented or Cyrillic letter.
   */
  private static String decompose(String s) {
    int start = 0;
    int n = s.length();
    StringBuilder out = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (kanaOrHangul(c)) {
        out = out != null ? out : new StringBuilder(n + 8);
        out.append(Normalizer.normalize(s.substring(start, i), Normalizer.Form.NFD)).append(c);
        start = i + 1;
      }
    }
    if (out == null) {
      return Normalizer.normalize(s, Normalizer.Form.NFD);
    }
    return out.append(Normalizer.normalize(s.substring(start), Normalizer.Form.NFD)).toString();
  }

  /**
   * The tokens read so far, with what {@link Normalized} keeps per token made as they come: a
   * second pass over 2,000 one-character tokens of a Chinese message to mark punctuation costs
   * as much as reading them.
   */
  private static final class Tokens {
    private String[] items;
    private byte[] marks;
    private int size;

    Tokens(int capacity) {
      items = new String[capacity];
      marks = new byte[capacity];
    }

    private void grow() {
      if (size == items.length) {
        items = java.util.Arrays.copyOf(items, size * 2);
        marks = java.util.Arrays.copyOf(marks, size * 2);
      }
    }

    void add(String t) {
      grow();
      marks[size] = mark(t);
      items[size++] = t;
    }

    /** A token that is a word (several characters, or one that is no punctuation mark). */
    void addWord(String t, byte mark) {
      grow();
      marks[size] = mark;
      items[size++] = t;
    }

    /** A token of one ideograph, which is no punctuation. */
    void addIdeograph(char c) {
      grow();
      marks[size] = 0;
      items[size++] = ideograph(c);
    }

    String get(int i) {
      return items[i];
    }

    /** Replaces the last token. */
    void setLast(String t) {
      removeLast();
      add(t);
    }

    /** Removes the last token (the only one ever removed). */
    void removeLast() {
      items[--size] = null;
    }

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Normalized normalized() {
      return new Normalized(java.util.Arrays.copyOf(items, size),
          java.util.Arrays.copyOf(marks, size));
    }
  }

  /** The word being read: a plain char buffer, cheaper per character than a StringBuilder. */
  private static final class Word {
    private char[] chars = new char[32];
    private int length;
    /** {@link TextNormalizer#hash} of the word, kept as it grows: no second pass to look it up. */
    private int hash;

    void append(char c) {
      if (length == chars.length) {
        chars = java.util.Arrays.copyOf(chars, length * 2);
      }
      chars[length++] = c;
      hash = 31 * hash + c;
    }

    int length() {
      return length;
    }

    char charAt(int i) {
      return chars[i];
    }

    void clear() {
      length = 0;
      hash = 0;
    }
  }

  /**
   * A Devanagari vowel sign, virama or visarga that the fold keeps: in Hindi these spell the word
   * ("सुन्न" is not "सन"), so they belong to it, where the marks of the Latin, Cyrillic and Arabic
   * scripts are dropped.
   */
  static boolean isWordMark(char c) {
    int type = Character.getType(c);
    return c >= '\u0903' && c <= '\u0963' && !droppedDevanagariMark(c)
        && (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK);
  }

  /** The nasal marks, the nukta and the Vedic accents, which {@link #devanagari} drops. */
  private static boolean droppedDevanagariMark(char c) {
    return (c >= '\u0900' && c <= '\u0902') || c == '\u093c' || (c >= '\u0951' && c <= '\u0954');
  }

  /**
   * Hindi as patients type it: the nukta is as often left out as typed ("ज़्यादा", "ज्यादा"), and
   * so are the nasal marks, chandrabindu and anusvara alike ("साँस", "सांस", "सास"; "में", "मे"),
   * so the three are dropped; Devanagari digits are digits, and the danda ends a sentence.
   */
  private static void devanagari(char c, StringBuilder out) {
    if (droppedDevanagariMark(c)) {
      return;
    }
    if (c == '\u0964' || c == '\u0965') {
      out.append('.');
    } else if (c >= '\u0966' && c <= '\u096f') {
      out.append((char) ('0' + c - '\u0966'));
    } else {
      out.append(c);
    }
  }

  /** Latin letters with diacritics, ligatures and combining marks: what foldForRules changes. */
  private static boolean hasAccentsOrLigatures(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u00c0' && c <= '\u036f') || (c >= '\u1e00' && c <= '\u1eff')
          || (c >= '\u0400' && c <= '\u04ff') || (c >= '\u0600' && c <= '\u06ff')
          || (c >= '\u0900' && c <= '\u097f')) {
        return true;
      }
    }
    return false;
  }

  private static void flush(Word word, Tokens tokens) {
    if (word.length() == 0) {
      return;
    }
    int end = word.length();
    while (end > 0 && word.charAt(end - 1) == '\'') {
      end--;
    }
    if (end == 0) {
      word.clear();
      return;
    }
    Form form = form(word.chars, end, end == word.length() ? word.hash : hash(word.chars, end));
    word.clear();
    for (String t : form.elided) {
      tokens.add(t);
    }
    if (form.plain == null) {
      for (String t : form.expansion) {
        tokens.add(t);
      }
      return;
    }
    String w = form.plain;
    if (!form.merges) {
      tokens.addWord(w, form.mark);
      return;
    }
    // "can not" and "not able to" say "cannot": one negation-free verb for the rules
    int last = tokens.size() - 1;
    if (w.equals("not") && last >= 0 && tokens.get(last).equals("can")) {
      tokens.setLast("cannot");
      return;
    }
    if (w.equals("to") && last >= 0 && tokens.get(last).equals("cannot")) {
      return; // "cannot to breathe", as learners write it
    }
    if (w.equals("to") && last >= 1 && tokens.get(last).equals("able")
        && tokens.get(last - 1).equals("not")) {
      tokens.removeLast();
      tokens.setLast("cannot");
      return;
    }
    tokens.add(w);
  }

  /**
   * What {@link #flush} makes of a word apart from its neighbours: the elided words before it
   * ("j'ai" gives "j"), then either the word itself as a token ({@code plain}, which "can not"
   * and "not able to" may still merge with the tokens before it) or its replacement's tokens.
   */
  private static final class Form {
    final char[] key;
    final int hash;
    final String[] elided;
    final String plain;
    final String[] expansion;
    /** Whether the word may merge with the tokens before it: "not" and "to" (see flush). */
    final boolean merges;
    /** What {@link Normalized#marks} holds for plain. */
    final byte mark;

    Form(char[] key, int hash, String[] elided, String plain, String[] expansion) {
      this.key = key;
      this.hash = hash;
      this.elided = elided;
      this.plain = plain;
      this.expansion = expansion;
      this.merges = "not".equals(plain) || "to".equals(plain);
      this.mark = plain == null ? 0 : mark(plain);
    }
  }

  private static final String[] NO_TOKENS = new String[0];

  /**
   * Forms of the words seen so far, shared by every message: patients use a few thousand words,
   * and a word found here costs no string, no replacement lookup, and hands the same token
   * instance to every later lookup, whose hash is then cached and whose equality check is an
   * identity. Open addressing over the word's characters, so a hit allocates nothing. Entries are
   * immutable (final fields), so the unsynchronised array is safe to share: a lost race only
   * loses a cache entry. Never evicts; once full (a flood of made-up words), new words take the
   * uncached path, which gives the same tokens.
   */
  private static final Form[] FORMS = new Form[1 << 16];
  private static final int FORM_PROBES = 8;
  /** Longer words are rare and would only fill the table. */
  private static final int FORM_MAX_WORD = 40;

  private static int hash(char[] chars, int end) {
    int h = 0;
    for (int k = 0; k < end; k++) {
      h = 31 * h + chars[k];
    }
    return h;
  }

  /** The form of the word in chars[0, end), whose {@link #hash} is h. */
  private static Form form(char[] chars, int end, int h) {
    int mask = FORMS.length - 1;
    int slot = (h ^ (h >>> 16)) & mask;
    int free = -1;
    if (end <= FORM_MAX_WORD) {
      for (int p = 0; p < FORM_PROBES; p++) {
        int at = (slot + p) & mask;
        Form f = FORMS[at];
        if (f == null) {
          free = at;
          break;
        }
        if (f.hash == h && sameWord(f.key, chars, end)) {
          return f;
        }
      }
    }
    Form f = computeForm(new String(chars, 0, end), h);
    if (free >= 0) {
      FORMS[free] = f;
    }
    return f;
  }

  /** Whether key is chars[0, end): a plain loop, as words are short and Arrays.equals is not. */
  private static boolean sameWord(char[] key, char[] chars, int end) {
    if (key.length != end) {
      return false;
    }
    for (int k = 0; k < end; k++) {
      if (key[k] != chars[k]) {
        return false;
      }
    }
    return true;
  }

  private static Form computeForm(String w, int hash) {
    char[] key = w.toCharArray();
    String rep = REPLACEMENTS.get(w);
    int apostrophe = w.indexOf('\'');
    String[] elided = NO_TOKENS;
    if (rep == null && apostrophe > 0 && ELISIONS.contains(w.substring(0, apostrophe))
        && w.length() - apostrophe > 2) {
      // French "j'ai", "n'arrive", "l'air": the elided word is a token of its own
      elided = new String[] {w.substring(0, apostrophe)};
      w = w.substring(apostrophe + 1).replace("'", "");
      rep = REPLACEMENTS.get(w);
    }
    if (rep == null && w.indexOf('\'') >= 0) {
      String bare = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
      bare = bare.replace("'", "");
      rep = REPLACEMENTS.get(bare);
      if (rep == null) {
        rep = bare;
      }
    }
    if (rep == null) {
      return new Form(key, hash, elided, w, null);
    }
    if (rep.isEmpty()) {
      return new Form(key, hash, elided, null, NO_TOKENS);
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int sp = rep.indexOf(' '); sp >= 0; sp = rep.indexOf(' ', from)) {
      out.add(rep.substring(from, sp));
      from = sp + 1;
    }
    out.add(rep.substring(from));
    return new Form(key, hash, elided, null, out.toArray(new String[0]));
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00b4' || c == '\u02bc';
  }



}

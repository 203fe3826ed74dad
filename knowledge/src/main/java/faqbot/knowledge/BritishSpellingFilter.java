package faqbot.knowledge;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Rewrites British medical spellings to the American ones that MedQuAD and most health agencies
 * use ("haemorrhoids", "coeliac", "oesophagus", "diarrhoea", "tumour", "immunisation"), on both
 * the index and the query side, so a patient in Leeds finds what a patient in Ohio finds.
 * Lower-cased, ASCII-folded tokens in; before stemming.
 *
 * <p>The rules are spelling morphemes, not a word list fitted to any question set: "ae" becomes
 * "e" only inside the Greek and Latin medical roots that carry it (haem-, -aemia, paed-, gynaec-,
 * faec-, anaesth-, aetiol-, caesar-, naev-), "oe" only in the roots oesophag-, oedem-, oestr-,
 * coeli-, foet-, amoeb-, homoeo- and in -rrhoea, -pnoea ("toes" and "does" keep theirs); -our, -re
 * and -ise only in the words that have them, since "four", "acre" and "bruise" must stay as they are.
 */
final class BritishSpellingFilter extends TokenFilter {
  private static final Pattern AE_ROOT = Pattern.compile(
      "haem|aemi|aemo|paed|gynaec|faec|anaesth|aetiol|caesar|naev|praecox|orthopaed|leukaem");
  private static final List<String[]> OE_ROOTS = List.of(
      new String[] {"coeli", "celi"}, new String[] {"foet", "fet"}, new String[] {"amoeb", "ameb"},
      new String[] {"homoeo", "homeo"}, new String[] {"oesophag", "esophag"}, new String[] {"oedem", "edem"},
      new String[] {"oestr", "estr"}, new String[] {"oesin", "eosin"});
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("tumour", "tumor"), Map.entry("tumours", "tumors"), Map.entry("colour", "color"),
      Map.entry("colours", "colors"), Map.entry("behaviour", "behavior"), Map.entry("behaviours", "behaviors"),
      Map.entry("behavioural", "behavioral"), Map.entry("labour", "labor"), Map.entry("odour", "odor"),
      Map.entry("odours", "odors"), Map.entry("humour", "humor"), Map.entry("fibre", "fiber"),
      Map.entry("fibres", "fibers"), Map.entry("centre", "center"), Map.entry("centres", "centers"),
      Map.entry("litre", "liter"), Map.entry("litres", "liters"), Map.entry("millilitre", "milliliter"),
      Map.entry("paralyse", "paralyze"), Map.entry("paralysed", "paralyzed"), Map.entry("analyse", "analyze"),
      Map.entry("grey", "gray"), Map.entry("mould", "mold"), Map.entry("sulphur", "sulfur"),
      Map.entry("sulphate", "sulfate"), Map.entry("ageing", "aging"), Map.entry("manoeuvre", "maneuver"),
      Map.entry("programme", "program"), Map.entry("aluminium", "aluminum"));
  /** Stems whose -ise, -ised, -ising, -isation are the British -ize forms. */
  private static final Pattern ISE = Pattern.compile(
      "^(immun|hospital|steril|stabil|minim|recogn|real|organ|special|util|optim|normal|metabol"
          + "|visual|local|general|categor|summar|catheter|desensit|sensit|anaesthet|anesthet|vapor"
          + "|neutral|mobil|immobil|custom|standard|character|symbol|rational|apolog|trivial|subsid)"
          + "is(e|ed|es|ing|ation|ations)$");

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

  BritishSpellingFilter(TokenStream in) {
    super(in);
  }

  @Override
  public boolean incrementToken() throws IOException {
    if (!input.incrementToken()) {
      return false;
    }
    if (!keyword.isKeyword()) {
      String word = term.toString();
      String american = american(word);
      if (!american.equals(word)) {
        term.setEmpty().append(american);
      }
    }
    return true;
  }

  /** The American spelling of a lower-case word, or the word itself. */
  static String american(String word) {
    if (word.length() < 4) {
      return word;
    }
    String mapped = WORDS.get(word);
    if (mapped != null) {
      return mapped;
    }
    String w = word;
    if (w.indexOf("ae") >= 0 && AE_ROOT.matcher(w).find()) {
      w = w.replace("ae", "e");
    }
    if (w.indexOf("oe") >= 0) {
      for (String[] root : OE_ROOTS) {
        if (w.contains(root[0])) {
          w = w.replace(root[0], root[1]);
        }
      }
      if (w.contains("oea")) {
        // diarrhoea, dyspnoea, apnoea, gonorrhoea and their adjectives
        w = w.replace("rrhoea", "rrhea").replace("pnoea", "pnea");
      }
    }
    // most words have no "is" at all: the pattern runs only on the few that might end in -ise
    if (w.indexOf("is", 3) >= 0) {
      Matcher ise = ISE.matcher(w);
      if (ise.matches()) {
        w = ise.group(1) + "iz" + ise.group(2);
      }
    }
    return w;
  }
}

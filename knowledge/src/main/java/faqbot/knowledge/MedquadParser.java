package faqbot.knowledge;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one MedQuAD XML document into one entry per QA pair.
 *
 * <p>Three layouts occur: {@code <Document source><Focus><QAPairs><QAPair><Question qtype>
 * <Answer>} (nearly all), {@code <doc corpus><doctitle-focus><qaPairs><pair><question><answer>}
 * (4 NINDS files) and a {@code <DiseaseFile source>} root (1 CDC file). The external id is
 * {@code <source>_<file basename>_Sec<k>} with k the pair's 1-based position in its document, as
 * the LiveQA judgments name answers; the file name, not the document id, because CancerGov ids
 * repeat across files. Pairs without an answer (the MedlinePlus collections whose answers the
 * authors removed) are PENDING entries; pairs without a question and documents without pairs are
 * reported as skipped.
 *
 * <p>StAX, streamed: a file is read one QA pair at a time ({@link #stream}), so a document of any
 * size needs memory for one pair; the focus and synonyms must come before the pairs (as in every
 * MedQuAD file), since each entry carries them. DTDs are refused outright, so neither external
 * entities (XXE) nor entity expansion bombs can reach the parser.
 */
final class MedquadParser {
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(MedquadParser::newFactory);
  private static final List<String> ROOTS = List.of("Document", "doc", "DiseaseFile");
  // runs of spaces inside a line stand for lost line breaks: before a bullet, and after a sentence
  private static final Pattern INLINE_BULLET = Pattern.compile("(?<=\\S)[ \\t\\u00A0]{2,}(?=- )");
  private static final Pattern INLINE_BREAK =
      Pattern.compile("(?<=[.!?:])[ \\t\\u00A0]{3,}(?=\\S)");
  /**
   * The end of a list whose last item has no full stop ("- Tonsillitis - an infection in the
   * tonsils       Treatment depends on the cause"): the sites wrote five or more spaces there, and
   * between a table's cells, never inside a sentence.
   */
  private static final Pattern LIST_END =
      Pattern.compile("(?<=[^\\s.!?:])[ \\t\\u00A0]{5,}(?=\\p{Lu})");
  /**
   * A sentence that sends the reader to a link or a control of the web page ("To view the contact
   * information for the clinical laboratories conducting testing, click here."): a chat reply
   * has neither; its "read more" is the page's address.
   */
  private static final String CLICK = "\\(?[^.!?\\n]*\\b(?i:click here|click on the links?|click the)\\b"
      + "[^.!?\\n]*";
  private static final Pattern CLICK_SENTENCE = Pattern.compile(
      "(?:^|(?<=[.!?:] ))[ \\t\\u00A0]*" + CLICK + "(?:[.!?]\\)?|$)[ \\t\\u00A0]*", Pattern.MULTILINE);
  /** A line that is nothing but such a sentence goes with its line break, not left blank. */
  private static final Pattern CLICK_LINE = Pattern.compile(
      "^[ \\t\\u00A0]*" + CLICK + "[.!?]?\\)?[ \\t\\u00A0]*(?:\\n|$)", Pattern.MULTILINE);
  /**
   * A web page's note about its video player ("(Watch the video to learn more about shingles. To
   * enlarge the video, click the brackets ... press the Escape (Esc) button on your keyboard.)"):
   * a patient reading a chat reply has no video to watch. One level of nested parentheses.
   */
  private static final Pattern VIDEO_NOTE = Pattern.compile(
      "[ \\t\\u00A0]*\\((?:Watch the video|To enlarge the video)[^()]*(?:\\([^()]*\\)[^()]*)*\\)");
  /**
   * A heading run into its text, as NIHSeniorHealth's pages lost theirs: title-case words
   * ("Sudden, Intense Joint Pain", "Relief Is Possible", "Then a Rash") at the start or after a
   * sentence, then a sentence: a capitalised word and two lowercase ones ("Gout is a"). Two
   * lowercase words keep most names in a sentence ("Institute on Deafness") from looking like
   * one; the ends of the names this source writes after a sentence ("the U.S. Food and Drug
   * Administration", "Medicare Part D", "the National Eye Institute") are listed.
   */
  private static final Pattern FUSED_HEADING = Pattern.compile(
      "(?:^|(?<=[\\p{Ll}\\d)][.!?]\\s))\\s*(\\p{Lu}[\\p{L}'’-]*,?(?:\\s+(?:\\p{Lu}[\\p{L}'’-]*,?"
          + "|a|an|the|and|or|of|to|in|on|for|with|at|by|from))*?\\s+\\p{Lu}[\\p{L}'’-]*)"
          + "(?<!\\bPart|\\bOriginal)\\s+(?!(?:Administration|Institutes?|Centers?|Association"
          + "|Foundation|Society|Services?|Americans|Plans?)\\b)"
          + "(?=\\p{Lu}\\p{Ll}*\\s+\\p{Ll}+\\s+\\p{Ll})",
      Pattern.MULTILINE);
  private static final String SENIOR_HEALTH = "NIHSeniorHealth";
  /**
   * The NIH institutes' pages explain a term in a pop-up or after a dash, and the scrape glued the
   * explanation to the term: "anemiaa condition in which...", "a kidney biopsya procedure in
   * which...", "the bone marrowa sponge-like tissue". About 250 such places in these four
   * collections, none in the others (whose Latin names, "spina bifida occulta", look alike).
   */
  private static final java.util.Set<String> GLOSSARY_SOURCES =
      java.util.Set.of("NIDDK", "NHLBI", "NINDS", SENIOR_HEALTH);
  /**
   * A term and the article that starts its explanation, before the explanation's next word. The
   * term must be a word the document writes on its own ({@link #separateGlossary}), which keeps
   * "anemia can" whole ("anemi" is no word) and an article agrees with the word after it.
   */
  private static final Pattern GLUED_EXPLANATION =
      Pattern.compile("\\b(\\p{Ll}{4,})(an|a|the) (\\p{Ll}+)");
  private static final java.util.Set<String> NOT_AN_EXPLANATION = java.util.Set.of("and", "or",
      "is", "are", "was", "were", "with", "in", "of", "to", "for", "that", "which", "who", "can",
      "may", "will", "be", "as", "by", "on", "at", "from", "it", "its", "not", "but", "if", "than",
      "then", "also", "into");
  private static final Pattern WORD = Pattern.compile("\\p{L}+");
  /**
   * Words whose apostrophe the scrape lost ("the bodys cells", "if you dont", "youre"), hundreds of
   * them, most in NIDDK's, CancerGov's and NHLBI's pages. Only words that are never right without
   * it: "its", "persons" and "doctors" can be, and "Cant" is also a syndrome and a name, so "cant"
   * and "wont" are mended in lower case only.
   */
  private static final List<String> MENDED = List.of("body's", "child's", "baby's", "woman's",
      "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't",
      "shouldn't", "couldn't", "wouldn't", "you're", "they're", "you've", "they've", "you'll",
      "they'll", "that's", "what's", "there's");
  private static final List<String> MENDED_IN_LOWER_CASE = List.of("can't", "won't");
  /** Each mended word by the word the scrape left, its apostrophe dropped. */
  private static final java.util.Map<String, String> LOST_APOSTROPHES =
      java.util.stream.Stream.concat(MENDED.stream(), MENDED_IN_LOWER_CASE.stream())
          .collect(java.util.stream.Collectors.toUnmodifiableMap(w -> w.replace("'", ""), w -> w));
  private static final Pattern LOST_APOSTROPHE = Pattern.compile(
      "\\b(?:(?i:" + asScraped(MENDED) + ")|" + asScraped(MENDED_IN_LOWER_CASE) + ")\\b");
  private static final Pattern MESSAGE =
      Pattern.compile("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*(.*)$");

  private MedquadParser() {}

  private static XMLInputFactory newFactory() {
    // the JDK's own implementation, whatever StAX provider the classpath happens to carry
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    return f;
  }

  /** One QAPair as read, before it becomes an entry. */
  private static final class Pair {
    final int position;
    final String path;
    final int line;
    String qtype;
    String question;
    String answer;

    Pair(int position, String path, int line) {
      this.position = position;
      this.path = path;
      this.line = line;
    }
  }

  static ParsedDocument parse(String document, String text) throws ParseException {
    List<Entry> entries = new ArrayList<>();
    try (Stream s = new Stream(document, new StringReader(Parsers.stripBom(text)), null, text)) {
      for (Entry e = s.next(); e != null; e = s.next()) {
        entries.add(e);
      }
      return new ParsedDocument(document, Format.MEDQUAD, entries, s.skipped());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * A streamed document: one QA pair in memory at a time, whatever the file's size. The parser
   * decodes the bytes itself, as the XML declaration says (MedQuAD's say UTF-8), and reports a
   * byte that does not fit at its line.
   */
  static Stream stream(String document, java.io.InputStream in) {
    return new Stream(document, null, in, null);
  }

  static final class Stream implements EntrySource {
    private final String document;
    private final java.io.Reader reader;
    private final java.io.InputStream bytes;
    /** The whole text when parsing a string, to name the line a DOCTYPE starts on. */
    private final String text;
    private XMLStreamReader r;
    private final EntrySource.Skipped skipped = new EntrySource.Skipped();
    private String root;
    private String source;
    private String url;
    private String docId;
    private String focus;
    private final List<String> synonyms = new ArrayList<>();
    /** Words of the document's answers so far: a glued term is one written alone somewhere. */
    private final java.util.Set<String> documentWords = new java.util.HashSet<>();
    private int pairs;
    private Pair pair;
    private boolean emitted;
    private String location;
    // the element whose text is being collected, and its depth; text of nested markup is kept
    private String capture;
    private int captureDepth = -1;
    private final StringBuilder buffer = new StringBuilder();
    private int depth;
    private boolean done;

    private Stream(String document, java.io.Reader reader, java.io.InputStream bytes, String text) {
      this.document = document;
      this.reader = reader;
      this.bytes = bytes;
      this.text = text;
    }

    @Override
    public String document() {
      return document;
    }

    @Override
    public Format format() {
      return Format.MEDQUAD;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public List<String> skipped() {
      return skipped.reasons();
    }

    @Override
    public int skippedCount() {
      return skipped.count();
    }

    @Override
    public Entry next() throws ParseException {
      if (done) {
        return null;
      }
      try {
        if (r == null) {
          r = reader != null ? FACTORY.get().createXMLStreamReader(reader)
              : FACTORY.get().createXMLStreamReader(bytes);
        }
        while (r.hasNext()) {
          Pair finished = step(r.next());
          if (finished != null) {
            Entry e = entry(finished);
            if (e != null) {
              return e;
            }
          }
        }
      } catch (XMLStreamException e) {
        throw new ParseException(document, at(e.getLocation()), problem(e), e);
      }
      done = true;
      if (root == null) {
        throw new ParseException(document, "line 1", "no XML root element");
      }
      if (pairs == 0) {
        String focusText = focusText();
        skipped.add("the document has no QA pairs"
            + (focusText == null ? "" : " (focus \"" + focusText + "\")"));
      }
      return null;
    }

    /** Handles one event; returns a QA pair when this event ended one. */
    private Pair step(int event) throws ParseException, XMLStreamException {
      switch (event) {
        case XMLStreamConstants.DTD -> throw new ParseException(document,
            text == null ? at(r.getLocation()) : doctypeLine(text, r.getLocation()),
            "DOCTYPE declarations are not allowed in MedQuAD documents");
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String name = r.getLocalName();
          if (depth == 1) {
            if (!ROOTS.contains(name)) {
              throw new ParseException(document, name, "not a MedQuAD document: the root"
                  + " element is <" + name + ">, expected <Document>, <doc> or <DiseaseFile>");
            }
            root = name;
            source = firstAttribute(r, "source", "corpus");
            url = blankToNull(r.getAttributeValue(null, "url"));
            docId = firstAttribute(r, "id", "docid", "fid");
            if (source == null) {
              throw new ParseException(document, root,
                  "the root element has no source attribute (needed for the external id)");
            }
          } else if (capture != null) {
            // markup inside an answer: its text is part of the answer
          } else if (name.equals("QAPair") || name.equals("pair")) {
            if (pair != null) {
              throw new ParseException(document, pair.path + "/" + name,
                  "a QA pair inside another QA pair");
            }
            pairs++;
            pair = new Pair(pairs, name + "[" + pairs + "]", r.getLocation().getLineNumber());
          } else if (pair != null && (name.equals("Question") || name.equals("question"))) {
            if (pair.question != null) {
              throw new ParseException(document, pair.path + "/" + name + "[2]",
                  "a QA pair with two questions");
            }
            pair.qtype = blankToNull(r.getAttributeValue(null, "qtype"));
            capture = name;
          } else if (pair != null && (name.equals("Answer") || name.equals("answer"))) {
            if (pair.answer != null) {
              throw new ParseException(document, pair.path + "/" + name + "[2]",
                  "a QA pair with two answers");
            }
            capture = name;
          } else if (pair == null && focus == null
              && (name.equals("Focus") || name.equals("doctitle-focus"))) {
            capture = name;
          } else if (pair == null && name.equals("Synonym")) {
            capture = name;
          }
          if (capture != null && captureDepth < 0) {
            if (emitted && pair == null) {
              // every entry carries the focus and synonyms, and the first ones are stored already
              throw new ParseException(document, name + ", line " + r.getLocation().getLineNumber(),
                  "the focus and its synonyms must come before the QA pairs");
            }
            captureDepth = depth;
            buffer.setLength(0);
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
            XMLStreamConstants.SPACE -> {
          if (capture != null) {
            if (buffer.length() + r.getTextLength() > TextInput.MAX_TEXT) {
              throw new ParseException(document, (pair == null ? capture : pair.path + "/" + capture)
                  + ", line " + r.getLocation().getLineNumber(),
                  "the text is longer than " + (TextInput.MAX_TEXT >> 20) + " M characters");
            }
            buffer.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Pair finished = null;
          if (capture != null && depth == captureDepth) {
            String value = buffer.toString();
            switch (capture) {
              case "Question", "question" -> pair.question = value;
              case "Answer", "answer" -> pair.answer = value;
              case "Synonym" -> {
                String syn = Parsers.joinSpaced(List.of(value));
                if (syn != null && !synonyms.contains(syn)) {
                  synonyms.add(syn);
                }
              }
              default -> focus = value;
            }
            capture = null;
            captureDepth = -1;
          } else if (pair != null && capture == null
              && (r.getLocalName().equals("QAPair") || r.getLocalName().equals("pair"))) {
            finished = pair;
            pair = null;
          }
          depth--;
          return finished;
        }
        default -> { }
      }
      return null;
    }

    private String focusText() {
      return Parsers.joinSpaced(focus == null ? List.of() : List.of(focus));
    }

    /** The entry of a finished pair, or null (reported as skipped) when it has no question. */
    private Entry entry(Pair p) {
      emitted = true;
      location = p.path + (p.line > 0 ? ", line " + p.line : "");
      String question = p.question == null ? null : Parsers.joinSpaced(List.of(p.question));
      if (question == null) {
        skipped.add(p.path + ": the QA pair has no question text");
        return null;
      }
      // a pasted document has no file name; its document id is the next best stable key
      String base = Parsers.isChat(document) && docId != null ? docId : Parsers.basename(document);
      String idSource = source.equals("MPlusHerbsSupplements") ? "MPlusHerbsSuppls" : source;
      String answer = p.answer == null ? null
          : answer(SENIOR_HEALTH.equals(source) ? withHeadingLines(p.answer) : p.answer);
      if (answer != null && GLOSSARY_SOURCES.contains(source)) {
        WORD.matcher(answer.toLowerCase(java.util.Locale.ROOT)).results()
            .forEach(w -> documentWords.add(w.group()));
        answer = separateGlossary(answer, documentWords);
      }
      return Entry.builder(Entry.Kind.QA)
          .status(answer == null ? Entry.Status.PENDING : Entry.Status.PUBLISHED)
          .title(question)
          .question(question)
          .reply(answer)
          .focus(focusText())
          .synonyms(synonyms)
          .questionType(p.qtype)
          .source(new Source(document, "MedQuAD/" + source, url,
              idSource + "_" + base + "_Sec" + p.position))
          .build();
    }

    /** Malformed XML, or bytes that do not fit the declared encoding (wrapped by StAX). */
    private static String problem(XMLStreamException e) {
      Throwable t = e.getNestedException() != null ? e.getNestedException() : e.getCause();
      for (int i = 0; t != null && i < 10; i++, t = t.getCause()) {
        if (t instanceof java.nio.charset.CharacterCodingException
            || t instanceof java.io.CharConversionException) {
          return "not UTF-8 text (save the file as UTF-8)";
        }
      }
      return "malformed XML: " + message(e);
    }

    @Override
    public void close() throws java.io.IOException {
      try {
        if (r != null) {
          r.close();
        }
      } catch (XMLStreamException ignored) {
        // closing the StAX reader releases no file; the reader below does
      } finally {
        if (reader != null) {
          reader.close();
        }
        if (bytes != null) {
          bytes.close();
        }
      }
    }
  }

  /**
   * The answer as paragraphs: the XML's blank lines separate paragraphs, its line breaks lines;
   * inside a line, a bullet after a run of spaces, a run of 3+ spaces after a sentence and one of
   * 5+ before a capital were line breaks lost when the sites were scraped, so they become line
   * breaks again; notes about a page's video player and sentences that send the reader to a
   * link ("click here") are left out, and apostrophes the scrape lost are back.
   */
  static String answer(String raw) {
    String s = VIDEO_NOTE.matcher(raw).replaceAll("");
    s = INLINE_BULLET.matcher(s).replaceAll("\n");
    s = INLINE_BREAK.matcher(s).replaceAll("\n");
    s = LIST_END.matcher(s).replaceAll("\n");
    s = CLICK_LINE.matcher(s).replaceAll("");
    s = CLICK_SENTENCE.matcher(s).replaceAll("");
    s = LOST_APOSTROPHE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(withApostrophe(m.group())));
    return Parsers.joinParagraphs(Arrays.asList(s.split("\\R", -1)));
  }

  /** The words as the scrape left them, without their apostrophes, as alternatives. */
  private static String asScraped(List<String> words) {
    return String.join("|", words.stream().map(w -> w.replace("'", "")).toList());
  }

  /** The word with its apostrophe back, in the word's own case ("Dont" -> "Don't"). */
  private static String withApostrophe(String word) {
    String mended = LOST_APOSTROPHES.get(word.toLowerCase(java.util.Locale.ROOT));
    if (word.equals(word.toUpperCase(java.util.Locale.ROOT))) {
      return mended.toUpperCase(java.util.Locale.ROOT);
    }
    return Character.isUpperCase(word.charAt(0))
        ? Character.toUpperCase(mended.charAt(0)) + mended.substring(1) : mended;
  }

  /**
   * The text with each term and its glued explanation ({@link #GLOSSARY_SOURCES}) apart again, as
   * an apposition: "a kidney biopsy, a procedure in which...". A term is taken for one only where
   * {@code knownWords} holds it alone and the article fits the word after it.
   */
  static String separateGlossary(String text, java.util.Set<String> knownWords) {
    Matcher m = GLUED_EXPLANATION.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 16);
    while (m.find()) {
      String term = m.group(1);
      String article = m.group(2);
      String next = m.group(3);
      boolean vowel = "aeiou".indexOf(next.charAt(0)) >= 0;
      boolean agrees = article.equals("the") || article.equals("an") == vowel;
      String replacement = knownWords.contains(term) && agrees && !NOT_AN_EXPLANATION.contains(next)
          ? term + ", " + article + " " + next
          : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The text with each heading run into it (see {@link #FUSED_HEADING}) on a line of its own. */
  static String withHeadingLines(String raw) {
    return FUSED_HEADING.matcher(raw).replaceAll("\n$1\n").strip();
  }

  private static String firstAttribute(XMLStreamReader r, String... names) {
    for (String name : names) {
      String v = blankToNull(r.getAttributeValue(null, name));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String at(Location location) {
    if (location == null || location.getLineNumber() < 0) {
      return null;
    }
    return "line " + location.getLineNumber()
        + (location.getColumnNumber() >= 0 ? ", column " + location.getColumnNumber() : "");
  }

  // the reader reports a DTD where it ends; the author looks for where it starts
  private static String doctypeLine(String text, Location end) {
    int at = text.indexOf("<!DOCTYPE");
    if (at < 0) {
      return at(end);
    }
    return "line " + (1 + text.substring(0, at).chars().filter(c -> c == '\n').count());
  }

  // the JDK prefixes its message with the position, which the location already gives
  private static String message(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    Matcher matcher = MESSAGE.matcher(m);
    return (matcher.matches() ? matcher.group(1) : m).strip();
  }
}

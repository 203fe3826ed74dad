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
 * <p>StAX, because the importer reads ~11,000 files; DTDs are refused outright, so neither
 * external entities (XXE) nor entity expansion bombs can reach the parser.
 */
final class MedquadParser {
  private static final ThreadLocal<XMLInputFactory> FACTORY =
      ThreadLocal.withInitial(MedquadParser::newFactory);
  private static final List<String> ROOTS = List.of("Document", "doc", "DiseaseFile");
  // runs of spaces inside a line stand for lost line breaks: before a bullet, and after a sentence
  private static final Pattern INLINE_BULLET = Pattern.compile("(?<=\\S)[ \\t\\u00A0]{2,}(?=- )");
  private static final Pattern INLINE_BREAK =
      Pattern.compile("(?<=[.!?:])[ \\t\\u00A0]{3,}(?=\\S)");
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
    String qtype;
    String question;
    String answer;

    Pair(int position, String path) {
      this.position = position;
      this.path = path;
    }
  }

  static ParsedDocument parse(String document, String text) throws ParseException {
    XMLStreamReader r = null;
    String root = null;
    String source = null;
    String url = null;
    String docId = null;
    String focus = null;
    List<String> synonyms = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    Pair pair = null;
    // the element whose text is being collected, and its depth; text of nested markup is kept
    String capture = null;
    int captureDepth = -1;
    StringBuilder buffer = new StringBuilder();
    int depth = 0;
    try {
      r = FACTORY.get().createXMLStreamReader(new StringReader(Parsers.stripBom(text)));
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw new ParseException(document,
              doctypeLine(text, r.getLocation()),
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
              int position = pairs.size() + 1;
              pair = new Pair(position, name + "[" + position + "]");
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
              captureDepth = depth;
              buffer.setLength(0);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            if (capture != null) {
              buffer.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (capture != null && depth == captureDepth) {
              String value = buffer.toString();
              switch (capture) {
                case "Question", "question" -> pair.question = value;
                case "Answer", "answer" -> pair.answer = value;
                case "Synonym" -> {
                  String s = Parsers.joinSpaced(List.of(value));
                  if (s != null && !synonyms.contains(s)) {
                    synonyms.add(s);
                  }
                }
                default -> focus = value;
              }
              capture = null;
              captureDepth = -1;
            } else if (pair != null && capture == null
                && (r.getLocalName().equals("QAPair") || r.getLocalName().equals("pair"))) {
              pairs.add(pair);
              pair = null;
            }
            depth--;
          }
          default -> { }
        }
      }
    } catch (XMLStreamException e) {
      throw new ParseException(document, at(e.getLocation()), "malformed XML: " + message(e), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // a string reader holds nothing to release
        }
      }
    }
    if (root == null) {
      throw new ParseException(document, "line 1", "no XML root element");
    }

    // a pasted document has no file name; its document id is the next best stable key
    String base = Parsers.isChat(document) && docId != null ? docId : Parsers.basename(document);
    String idSource = source.equals("MPlusHerbsSupplements") ? "MPlusHerbsSuppls" : source;
    String collection = "MedQuAD/" + source;
    String focusText = Parsers.joinSpaced(focus == null ? List.of() : List.of(focus));

    List<Entry> entries = new ArrayList<>(pairs.size());
    List<String> skipped = new ArrayList<>();
    if (pairs.isEmpty()) {
      skipped.add("the document has no QA pairs"
          + (focusText == null ? "" : " (focus \"" + focusText + "\")"));
    }
    for (Pair p : pairs) {
      String question = p.question == null ? null : Parsers.joinSpaced(List.of(p.question));
      if (question == null) {
        skipped.add(p.path + ": the QA pair has no question text");
        continue;
      }
      String answer = p.answer == null ? null : answer(p.answer);
      String externalId = idSource + "_" + base + "_Sec" + p.position;
      entries.add(Entry.builder(Entry.Kind.QA)
          .status(answer == null ? Entry.Status.PENDING : Entry.Status.PUBLISHED)
          .title(question)
          .question(question)
          .reply(answer)
          .focus(focusText)
          .synonyms(synonyms)
          .questionType(p.qtype)
          .source(new Source(document, collection, url, externalId))
          .build());
    }
    return new ParsedDocument(document, Format.MEDQUAD, entries, skipped);
  }

  /**
   * The answer as paragraphs: the XML's blank lines separate paragraphs, its line breaks lines;
   * inside a line, a bullet after a run of spaces and a run of 3+ spaces after a sentence were
   * line breaks lost when the sites were scraped, so they become line breaks again.
   */
  static String answer(String raw) {
    String s = INLINE_BULLET.matcher(raw).replaceAll("\n");
    s = INLINE_BREAK.matcher(s).replaceAll("\n");
    return Parsers.joinParagraphs(Arrays.asList(s.split("\\R", -1)));
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

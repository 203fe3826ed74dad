package faqbot.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates large import files of made-up medical Q&A, for {@link BigImportBench} and the test
 * that imports a file just over the size that used to exhaust the heap: one MedQuAD-style XML
 * document with many QA pairs, and a JSONL file in the export format. Deterministic (seeded), so
 * figures from two runs are comparable. The text is random words, not medicine.
 */
final class BigFiles {
  private static final String[] WORDS = ("the a of and to in is for with may be are that can "
      + "this or as your by on not from have it at which people when pain doctor treatment "
      + "symptoms blood bone spine fracture cement kyphoplasty vertebroplasty osteoporosis "
      + "calcium vitamin therapy surgery medicine dose daily weeks months risk infection fever "
      + "nerve muscle joint back neck heart lung kidney liver skin eye ear brain diabetes "
      + "pressure exercise rest sleep diet water test scan x-ray MRI CT result normal level "
      + "high low mild severe chronic acute common rare early late sign cause effect side "
      + "care patient children adults older women men family history genetic condition "
      + "syndrome disease disorder infection inflammation swelling numbness weakness").split(" ");
  private static final String[] QTYPES = {"information", "symptoms", "treatment", "causes",
      "inheritance", "frequency", "exams and tests", "outlook", "prevention", "susceptibility"};

  private BigFiles() {}

  /** A paragraph of about {@code chars} characters; now and then a non-Latin-1 dash or a µg. */
  static String text(Random random, int chars) {
    StringBuilder sb = new StringBuilder(chars + 16);
    boolean start = true;
    while (sb.length() < chars) {
      String w = WORDS[random.nextInt(WORDS.length)];
      sb.append(start ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
      start = false;
      int r = random.nextInt(100);
      if (r < 8) {
        sb.append(". ");
        start = true;
      } else if (r == 8) {
        sb.append(" \u2013 ");
      } else if (r == 9) {
        sb.append(" 400 \u00b5g ");
      } else {
        sb.append(' ');
      }
    }
    return sb.append('.').toString();
  }

  /**
   * One MedQuAD-style document ({@code <Document source><Focus><QAPairs><QAPair>...}) of at least
   * {@code bytes} bytes, answers of about {@code answerChars} characters.
   *
   * @return the number of QA pairs written
   */
  static int medquadXml(Path file, long bytes, int answerChars, long seed) throws IOException {
    Random random = new Random(seed);
    int pairs = 0;
    try (CountingWriter w = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"0000001\" source=\"BigBench\""
          + " url=\"https://example.org/big\">\n<Focus>Generated condition</Focus>\n"
          + "<FocusAnnotations><Category>Disease</Category><Synonyms><Synonym>GC</Synonym>"
          + "</Synonyms></FocusAnnotations>\n<QAPairs>\n");
      while (w.count < bytes) {
        pairs++;
        w.write("<QAPair pid=\"" + pairs + "\">\n<Question qid=\"0000001-" + pairs + "\" qtype=\""
            + QTYPES[pairs % QTYPES.length] + "\">What is (are) condition " + pairs + " and "
            + WORDS[random.nextInt(WORDS.length)] + " ?</Question>\n<Answer>"
            + escape(text(random, answerChars / 2 + random.nextInt(answerChars))) + "</Answer>\n</QAPair>\n");
      }
      w.write("</QAPairs>\n</Document>\n");
    }
    return pairs;
  }

  /** A JSONL file in the export format of at least {@code bytes} bytes; returns the lines. */
  static int jsonl(Path file, long bytes, int answerChars, long seed) throws IOException {
    Random random = new Random(seed);
    JsonFactory json = new JsonFactory();
    int lines = 0;
    try (CountingWriter w = new CountingWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      while (w.count < bytes) {
        lines++;
        StringWriter line = new StringWriter(answerChars * 2);
        try (JsonGenerator g = json.createGenerator(line)) {
          g.writeStartObject();
          g.writeStringField("kind", "QA");
          g.writeStringField("status", "PUBLISHED");
          String question = "How is condition " + lines + " with "
              + WORDS[random.nextInt(WORDS.length)] + " treated?";
          g.writeStringField("title", question);
          g.writeStringField("question", question);
          g.writeStringField("reply", text(random, answerChars / 2 + random.nextInt(answerChars)));
          g.writeStringField("focus", "Condition " + lines);
          g.writeStringField("questionType", QTYPES[lines % QTYPES.length]);
          g.writeObjectFieldStart("source");
          g.writeStringField("collection", "bench");
          g.writeStringField("externalId", "bench-" + lines);
          g.writeEndObject();
          g.writeEndObject();
        }
        w.write(line.toString());
        w.write("\n");
      }
    }
    return lines;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }

  /** Counts UTF-8 bytes written (the text is ASCII but for the dash and µ). */
  private static final class CountingWriter extends Writer {
    private final BufferedWriter out;
    long count;

    CountingWriter(BufferedWriter out) {
      this.out = out;
    }

    @Override
    public void write(String s) throws IOException {
      out.write(s);
      count += s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      write(new String(buf, off, len));
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}

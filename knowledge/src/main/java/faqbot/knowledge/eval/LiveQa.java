package faqbot.knowledge.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The TREC 2017 LiveQA medical test questions and their graded MedQuAD judgments.
 *
 * <p>Only the patient's own words (SUBJECT and MESSAGE) are read: the paraphrases, annotations
 * and reference answers in the same file would not exist for a real patient's message.
 */
public final class LiveQa {
  static final String QUESTIONS_FILE = "TREC-2017-LiveQA-Medical-Test.xml";
  static final String JUDGMENTS_FILE = "All-qrels_LiveQAMed2017-TestQuestions_2479_Judged-Answers.txt";

  /** A judged question; {@code id} is the number N of "TQN" as the judgments file names it. */
  public record Question(int id, String subject, String message) {
    /** The query as the patient wrote it. */
    public String text() {
      return (subject == null ? "" : subject.strip()) + "\n" + (message == null ? "" : message.strip());
    }

    /** Odd ids are the dev split, even ids the test split. */
    public Split split() {
      return id % 2 == 1 ? Split.DEV : Split.TEST;
    }
  }

  public enum Split {
    DEV, TEST, ALL;

    public boolean contains(Question q) {
      return this == ALL || q.split() == this;
    }
  }

  private final List<Question> questions;
  private final Map<Integer, Map<String, Integer>> grades;

  LiveQa(List<Question> questions, Map<Integer, Map<String, Integer>> grades) {
    this.questions = List.copyOf(questions);
    this.grades = grades;
  }

  /** Reads both files from {@code dir}. */
  public static LiveQa load(Path dir) throws IOException {
    List<Question> questions;
    try (InputStream in = Files.newInputStream(dir.resolve(QUESTIONS_FILE))) {
      questions = parseQuestions(in);
    }
    return new LiveQa(questions, parseJudgments(Files.readAllLines(dir.resolve(JUDGMENTS_FILE))));
  }

  static List<Question> parseQuestions(InputStream in) throws IOException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Question> out = new ArrayList<>();
    try {
      XMLStreamReader r = f.createXMLStreamReader(in);
      int id = -1;
      boolean inOriginal = false;
      String subject = null;
      String message = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "NLM-QUESTION" -> {
              id = Integer.parseInt(r.getAttributeValue(null, "qid").replaceAll("\\D", ""));
              subject = null;
              message = null;
            }
            case "Original-Question" -> inOriginal = true;
            case "SUBJECT" -> { if (inOriginal) subject = r.getElementText(); }
            case "MESSAGE" -> { if (inOriginal) message = r.getElementText(); }
            default -> { }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          if (r.getLocalName().equals("Original-Question")) {
            inOriginal = false;
          } else if (r.getLocalName().equals("NLM-QUESTION")) {
            out.add(new Question(id, subject, message));
          }
        }
      }
    } catch (XMLStreamException | NumberFormatException e) {
      throw new IOException("cannot read the LiveQA questions: " + e.getMessage(), e);
    }
    return out;
  }

  /** "qid grade answer-id" lines; a pair judged twice keeps its higher grade. */
  static Map<Integer, Map<String, Integer>> parseJudgments(List<String> lines) throws IOException {
    Map<Integer, Map<String, Integer>> grades = new HashMap<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      if (f.length != 3 || !f[1].matches("[1-4]-.*")) {
        throw new IOException("judgments line " + lineNo + ": expected 'qid grade answer-id': " + line);
      }
      int qid = Integer.parseInt(f[0]);
      int grade = f[1].charAt(0) - '0';
      String answer = f[2].endsWith(".txt") ? f[2].substring(0, f[2].length() - 4) : f[2];
      grades.computeIfAbsent(qid, k -> new LinkedHashMap<>()).merge(answer, grade, Math::max);
    }
    return grades;
  }

  /** The judged questions of a split, in id order. */
  public List<Question> judgedQuestions(Split split) {
    return questions.stream()
        .filter(q -> grades.containsKey(q.id()) && split.contains(q))
        .sorted((a, b) -> Integer.compare(a.id(), b.id()))
        .toList();
  }

  /** Grade 1..4 of an answer for a question, 0 when unjudged. */
  public int grade(int questionId, String answerId) {
    return grades.getOrDefault(questionId, Map.of()).getOrDefault(answerId, 0);
  }

  /** Judged answers of a question with grade 3 or 4. */
  public int relevantCount(int questionId) {
    return (int) grades.getOrDefault(questionId, Map.of()).values().stream().filter(g -> g >= 3).count();
  }

  /** Every answer id that has a judgment. */
  public java.util.Set<String> judgedAnswerIds() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    grades.values().forEach(m -> ids.addAll(m.keySet()));
    return Collections.unmodifiableSet(ids);
  }
}

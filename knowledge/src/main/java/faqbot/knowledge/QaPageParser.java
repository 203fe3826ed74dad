package faqbot.knowledge;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a doctor Q&amp;A page (shared/seeds/000_*.txt): title, the patient's question, the asker
 * line, "Dr. X reply Specialty", the reply, "Reply Date", then the optional sections "More Info",
 * "Similar Q&amp;A" and "Related FAQ".
 *
 * <p>Field conventions (the renderer relies on them):
 *
 * <ul>
 *   <li>doctorName is stored without the title ("Zhan Xian", not "Dr. Zhan Xian"): the renderer
 *       adds "Dr.", so a name is never shown with the title twice.
 *   <li>askerDescription is only the age range and sex ("70~79 year old female"); the asker's
 *       name or handle before it is dropped on purpose (privacy) and stored nowhere.
 *   <li>A page without a doctor's reply is a PENDING entry: a question waiting for an answer.
 * </ul>
 *
 * <p>Moderators paste partial pages, so only the title and the question are required.
 */
final class QaPageParser {
  private static final Pattern ASK_DATE = Pattern.compile("(?i)\\bAsk\\s+Date\\s*:\\s*(.*)$");
  // only the age and sex are kept, so whatever precedes them (the asker's name) is never stored
  private static final Pattern AGE_AND_SEX = Pattern.compile(
      "(?i)(?:(?:under|over|above|below)\\s+)?\\d+(?:\\s*[~\\-–]\\s*\\d+)?\\+?"
          + "\\s*years?[\\s-]*old(?:\\s+(?:fe)?male\\b|\\s+(?:man|woman|boy|girl)\\b)?");
  // the name and specialty are bounded so that a question sentence starting with "Dr." is no match
  private static final Pattern DOCTOR = Pattern.compile(
      "^\\s*(?i:dr)\\.?\\s+(\\p{L}[\\p{L}'.\\-]*(?:\\s+\\p{L}[\\p{L}'.\\-]*){0,4})\\s+(?i:reply)"
          + "(?:\\s+(\\p{L}[\\p{L}&/,()'\\s\\-]{0,60}?))?\\s*$");
  private static final Pattern REPLY_DATE = Pattern.compile("(?i)^\\s*Reply\\s+Date\\s*:\\s*(.*)$");
  private static final Pattern DATE =
      Pattern.compile("^(\\d{4})\\s*[/.\\-]\\s*(\\d{1,2})\\s*[/.\\-]\\s*(\\d{1,2})$");
  private static final Pattern RELATED_TOPIC = Pattern.compile("^(.*?)\\s*\\([^()]*\\)\\s*$");
  private static final String READ_MORE = "[Read More]";

  private enum LineKind { TEXT, BLANK, ASKER, DOCTOR, REPLY_DATE, MORE_INFO, SIMILAR, RELATED }

  private QaPageParser() {}

  /** True when the text has a "Dr. X reply" line or an "Ask Date:" line. */
  static boolean looksLikeQaPage(List<String> lines) {
    for (String line : lines) {
      if (DOCTOR.matcher(line).matches() || ASK_DATE.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  static ParsedDocument parse(String document, String text) throws ParseException {
    List<String> lines = Parsers.lines(text);
    int n = lines.size();
    // Parsers.parse has refused blank text, so there is a first non-blank line
    int i = Parsers.skipBlank(lines, 0);
    if (kind(lines.get(i)) != LineKind.TEXT) {
      throw new ParseException(document, Parsers.line(i),
          "missing title: the page starts with " + describe(kind(lines.get(i))));
    }
    String title = Parsers.joinSpaced(List.of(lines.get(i)));
    i++;

    int questionStart = i;
    while (i < n && isText(lines.get(i))) {
      i++;
    }
    String question = Parsers.joinParagraphs(Parsers.slice(lines, questionStart, i));
    if (question == null) {
      throw new ParseException(document, Parsers.line(i), "missing question: expected the patient's"
          + " question after the title"
          + (i < n ? ", found " + describe(kind(lines.get(i))) : ""));
    }

    Entry.Builder entry = Entry.builder(Entry.Kind.QA).title(title).question(question);

    if (i < n && kind(lines.get(i)) == LineKind.ASKER) {
      String asker = lines.get(i);
      Matcher age = AGE_AND_SEX.matcher(asker);
      if (age.find()) {
        entry.askerDescription(Parsers.joinSpaced(List.of(age.group())));
      }
      Matcher askDate = ASK_DATE.matcher(asker);
      if (askDate.find()) {
        entry.askDate(date(document, i, askDate.group(1), "ask date"));
      }
      i = Parsers.skipBlank(lines, i + 1);
    }

    String reply = null;
    if (i < n && kind(lines.get(i)) == LineKind.DOCTOR) {
      int doctorLine = i;
      Matcher doctor = DOCTOR.matcher(lines.get(i));
      doctor.matches();
      entry.doctorName(Parsers.joinSpaced(List.of(doctor.group(1))));
      if (doctor.group(2) != null) {
        entry.specialty(Parsers.joinSpaced(List.of(doctor.group(2))));
      }
      i++;
      int replyStart = i;
      while (i < n && !isReplyEnd(kind(lines.get(i)))) {
        i++;
      }
      reply = Parsers.joinParagraphs(Parsers.slice(lines, replyStart, i));
      if (reply == null) {
        throw new ParseException(document, Parsers.line(doctorLine),
            "the doctor's reply is empty: expected the reply text after this line");
      }
      if (i < n && kind(lines.get(i)) == LineKind.REPLY_DATE) {
        Matcher replyDate = REPLY_DATE.matcher(lines.get(i));
        replyDate.matches();
        entry.replyDate(date(document, i, replyDate.group(1), "reply date"));
        i++;
      }
    }
    entry.reply(reply);
    entry.status(reply == null ? Entry.Status.PENDING : Entry.Status.PUBLISHED);

    readSections(document, lines, i, entry);

    entry.source(new Source(document, "seed", null, Parsers.externalId("page", document, title)));
    return new ParsedDocument(document, Format.QA_PAGE, List.of(entry.build()), List.of());
  }

  /** The optional trailing sections, in any order, each at most once. */
  private static void readSections(String document, List<String> lines, int from,
      Entry.Builder entry) throws ParseException {
    LineKind section = null;
    Set<LineKind> seen = new LinkedHashSet<>();
    List<String> moreInfo = new ArrayList<>();
    Set<String> similar = new LinkedHashSet<>();
    Set<String> related = new LinkedHashSet<>();
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i);
      LineKind kind = kind(line);
      if (kind == LineKind.MORE_INFO || kind == LineKind.SIMILAR || kind == LineKind.RELATED) {
        if (!seen.add(kind)) {
          throw new ParseException(document, Parsers.line(i), "the section \"" + line.strip()
              + "\" appears twice");
        }
        section = kind;
        continue;
      }
      if (section == null) {
        if (kind == LineKind.BLANK) {
          continue;
        }
        throw new ParseException(document, Parsers.line(i), unexpected(kind));
      }
      switch (section) {
        case MORE_INFO -> moreInfo.add(line);
        case SIMILAR -> {
          int at = line.lastIndexOf(READ_MORE);
          if (at >= 0) {
            String similarTitle =
                Parsers.joinSpaced(List.of(line.substring(at + READ_MORE.length())));
            if (similarTitle != null) {
              similar.add(similarTitle);
            }
          }
        }
        case RELATED -> {
          String topic = line.strip();
          Matcher m = RELATED_TOPIC.matcher(topic);
          if (m.matches()) {
            topic = m.group(1).strip();
          }
          // "(Orthopedics)" alone names the specialty's own page: no topic
          if (!topic.isEmpty()) {
            related.add(Parsers.joinSpaced(List.of(topic)));
          }
        }
        default -> throw new IllegalStateException("not a section: " + section);
      }
    }
    entry.moreInfo(Parsers.joinParagraphs(moreInfo));
    entry.similarQuestions(List.copyOf(similar));
    entry.relatedTopics(List.copyOf(related));
  }

  private static String unexpected(LineKind kind) {
    return switch (kind) {
      case TEXT -> "unexpected text: after the question and the reply only the sections"
          + " \"More Info\", \"Similar Q&A\" and \"Related FAQ\" may follow"
          + " (is the \"Dr. <name> reply <specialty>\" line missing?)";
      case REPLY_DATE -> "a \"Reply Date\" without a doctor's reply"
          + " (is the \"Dr. <name> reply <specialty>\" line missing?)";
      default -> "unexpected " + describe(kind) + " here";
    };
  }

  private static String describe(LineKind kind) {
    return switch (kind) {
      case ASKER -> "the asker line (\"..., year old .... Ask Date: ...\")";
      case DOCTOR -> "the doctor line (\"Dr. <name> reply <specialty>\")";
      case REPLY_DATE -> "the \"Reply Date\" line";
      case MORE_INFO -> "the \"More Info\" section";
      case SIMILAR -> "the \"Similar Q&A\" section";
      case RELATED -> "the \"Related FAQ\" section";
      case BLANK, TEXT -> "text";
    };
  }

  private static boolean isText(String line) {
    LineKind k = kind(line);
    return k == LineKind.TEXT || k == LineKind.BLANK;
  }

  private static boolean isReplyEnd(LineKind k) {
    return k == LineKind.REPLY_DATE || k == LineKind.MORE_INFO || k == LineKind.SIMILAR
        || k == LineKind.RELATED;
  }

  private static LineKind kind(String line) {
    String s = line.strip();
    if (s.isEmpty()) {
      return LineKind.BLANK;
    }
    String header = s.endsWith(":") ? s.substring(0, s.length() - 1).strip() : s;
    switch (header.toLowerCase(Locale.ROOT)) {
      case "more info", "more information":
        return LineKind.MORE_INFO;
      case "similar q&a", "similar questions":
        return LineKind.SIMILAR;
      case "related faq", "related faqs":
        return LineKind.RELATED;
      default:
        break;
    }
    if (REPLY_DATE.matcher(s).matches()) {
      return LineKind.REPLY_DATE;
    }
    if (ASK_DATE.matcher(s).find()) {
      return LineKind.ASKER;
    }
    if (DOCTOR.matcher(s).matches()) {
      return LineKind.DOCTOR;
    }
    return LineKind.TEXT;
  }

  private static LocalDate date(String document, int index, String value, String what)
      throws ParseException {
    Matcher m = DATE.matcher(value.strip());
    if (!m.matches()) {
      throw new ParseException(document, Parsers.line(index),
          "invalid " + what + " \"" + value.strip() + "\": expected YYYY/MM/DD");
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new ParseException(document, Parsers.line(index),
          "invalid " + what + " \"" + value.strip() + "\": " + e.getMessage(), e);
    }
  }
}

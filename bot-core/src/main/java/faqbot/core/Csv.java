package faqbot.core;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Map;

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with = + - @) get a
 * leading apostrophe: logged texts are user input and the export is opened in spreadsheets.
 */
final class Csv {
  private Csv() {}

  static void row(Writer out, Object... cells) throws IOException {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(cell(cells[i]));
    }
    out.write("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && !(value instanceof Number) && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
        || s.startsWith(" ") || s.endsWith(" ")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  static void writeStats(Admin.Stats stats, Writer out) throws IOException {
    row(out, "section", "key", "value", "detail");
    row(out, "period", "from", stats.from(), "");
    row(out, "period", "to", stats.to(), "");
    row(out, "totals", "questions", stats.questions(), "");
    row(out, "totals", "answered", stats.answered(), "");
    row(out, "totals", "no_match", stats.noMatch(), "");
    row(out, "totals", "emergency", stats.emergencies(), "");
    row(out, "totals", "urgent", stats.urgent(), "");
    row(out, "totals", "answer_rate", String.format(java.util.Locale.ROOT, "%.4f", stats.answerRate()), "");
    row(out, "totals", "median_latency_ms", stats.medianLatencyMs(), "");
    for (Map.Entry<LocalDate, Integer> e : stats.questionsPerDay().entrySet()) {
      row(out, "questions_per_day", e.getKey(), e.getValue(), "");
    }
    for (Admin.Count c : stats.topQuestions()) {
      row(out, "top_questions", c.entryId(), c.count(), c.label());
    }
    for (Admin.Count c : stats.topUnanswered()) {
      row(out, "top_unanswered", "", c.count(), c.label());
    }
    for (Admin.EntryFeedback f : stats.feedback()) {
      row(out, "feedback", f.entryId(), String.format(java.util.Locale.ROOT, "%.4f", f.ratio()),
          f.helpful() + " helpful / " + f.notHelpful() + " not helpful: " + f.title());
    }
    out.flush();
  }
}

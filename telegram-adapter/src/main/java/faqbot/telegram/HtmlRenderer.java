package faqbot.telegram;

import faqbot.core.Button;
import faqbot.core.Layout;
import faqbot.core.Part;
import faqbot.core.PlatformLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the core's plain parts into Telegram HTML messages. Every string is escaped, so neither a
 * user nor a knowledge entry can inject markup; the core's {@link Layout} cuts long replies so
 * that each message's HTML, and therefore its visible text, stays within {@code limit} characters.
 */
final class HtmlRenderer {
  static final int TELEGRAM_LIMIT = 4096;
  /** Telegram's most buttons in a row; its 100 buttons a message are never near. */
  private static final int BUTTONS_PER_ROW = 8;
  private static final int MAX_ROWS = 100;

  private final PlatformLimits limits;

  HtmlRenderer(int limit) {
    // labels have no documented limit: the core's own keeps them one short line
    this.limits = new PlatformLimits(limit, Button.MAX_LABEL_CHARS, BUTTONS_PER_ROW, MAX_ROWS,
        HtmlRenderer::measure);
  }

  PlatformLimits limits() {
    return limits;
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': sb.append("&amp;"); break;
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '"': sb.append("&quot;"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The text of a rendered message without tags, for sending without a parse mode. */
  static String toPlain(String html) {
    return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&amp;", "&");
  }

  private static int escapedLength(char c) {
    switch (c) {
      case '&': return 5;
      case '<':
      case '>': return 4;
      case '"': return 6;
      default: return 1;
    }
  }

  /** Renders the parts as one or more HTML messages, in order; empty when there is no text. */
  List<String> render(List<Part> parts) {
    List<String> messages = new ArrayList<>();
    for (Layout.Message message : Layout.of(parts, List.of(), limits)) {
      StringBuilder html = new StringBuilder();
      Part.Style previous = null;
      for (Part part : message.parts()) {
        if (previous != null) {
          html.append(part.style() == Part.Style.BULLET && previous == Part.Style.BULLET ? "\n" : "\n\n");
        }
        html.append(wrap(part.style(), escape(part.text())));
        previous = part.style();
      }
      messages.add(html.toString());
    }
    return messages;
  }

  /** A part's HTML length, with room for the blank line before it. */
  private static int measure(Part part) {
    int length = wrapperLength(part.style()) + 2;
    for (int i = 0; i < part.text().length(); i++) {
      length += escapedLength(part.text().charAt(i));
    }
    return length;
  }

  private static String wrap(Part.Style style, String escaped) {
    switch (style) {
      case HEADING: return "<b>" + escaped + "</b>";
      case EMPHASIS: return "<i>" + escaped + "</i>";
      case BULLET: return "\u2022 " + escaped;
      case ATTRIBUTION: return "<i>\u2014 " + escaped + "</i>";
      case DISCLAIMER: return "<i>\u2139\uFE0F " + escaped + "</i>";
      case ALERT: return "\uD83D\uDEA8 <b>" + escaped + "</b>";
      case PARAGRAPH:
      default: return escaped;
    }
  }

  private static int wrapperLength(Part.Style style) {
    return wrap(style, "").length();
  }
}

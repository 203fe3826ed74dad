package faqbot.telegram;

import faqbot.core.Part;
import faqbot.core.TextSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the core's plain parts into Telegram HTML messages. Every string is escaped, so neither a
 * user nor a knowledge entry can inject markup; long replies are cut at paragraph, then sentence,
 * then word boundaries so that each message's HTML, and therefore its visible text, stays within
 * {@code limit} characters.
 */
final class HtmlRenderer {
  static final int TELEGRAM_LIMIT = 4096;
  /** Below this much room a long part starts a new message instead. */
  private static final int MIN_PIECE = 200;

  private final int limit;

  HtmlRenderer(int limit) {
    if (limit < 64) {
      throw new IllegalArgumentException("limit too small: " + limit);
    }
    this.limit = limit;
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
    StringBuilder current = new StringBuilder();
    Part.Style previous = null;
    for (Part part : parts) {
      Part.Style style = part.style();
      String rest = part.text().strip();
      while (!rest.isEmpty()) {
        String sep = current.length() == 0 ? ""
            : style == Part.Style.BULLET && previous == Part.Style.BULLET ? "\n" : "\n\n";
        int room = limit - current.length() - sep.length() - wrapperLength(style);
        int fit = room <= 0 ? 0 : longestFittingPrefix(rest, room);
        if (fit == rest.length()) {
          current.append(sep).append(wrap(style, escape(rest)));
          previous = style;
          break;
        }
        // a long part fills the current message when enough room is left, so a heading is not
        // left alone above an answer that starts in the next message
        if (current.length() == 0 || room >= MIN_PIECE) {
          int cut = TextSplit.cut(rest, fit);
          String piece = rest.substring(0, cut).strip();
          if (!piece.isEmpty()) {
            current.append(sep).append(wrap(style, escape(piece)));
            previous = style;
          }
          rest = rest.substring(cut).strip();
        }
        messages.add(current.toString());
        current.setLength(0);
        previous = null;
      }
    }
    if (current.length() > 0) {
      messages.add(current.toString());
    }
    return messages;
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

  private static int longestFittingPrefix(String s, int budget) {
    int used = 0;
    for (int i = 0; i < s.length(); i++) {
      used += escapedLength(s.charAt(i));
      if (used > budget) {
        return i;
      }
    }
    return s.length();
  }
}

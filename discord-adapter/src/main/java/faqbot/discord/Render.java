package faqbot.discord;

import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.Layout;
import faqbot.core.Part;
import faqbot.core.PlatformLimits;
import faqbot.core.Reply;
import faqbot.core.TextSplit;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Turns the core's structured reply into Discord messages: one embed per message (so each message
 * stays within the 6,000-character embed total), the disclaimer in every footer (no piece of an
 * answer travels without it), buttons under the last message, and no pings from any text.
 */
final class Render {
  /** Marks our buttons' custom_ids; anything else pressed is stale or forged. */
  static final String BUTTON_PREFIX = "fq:";

  static final int CONTENT_MAX = 2000;
  static final int TITLE_MAX = 256;
  static final int DESCRIPTION_MAX = 4096;
  static final int FIELD_NAME_MAX = 256;
  static final int FIELD_VALUE_MAX = 1024;
  static final int FOOTER_MAX = 2048;
  static final int EMBED_TOTAL_MAX = 6000;
  static final int MAX_ROWS = 5;
  static final int BUTTONS_PER_ROW = 5;
  static final int LABEL_MAX = 80;

  static final int COLOR_INFO = 0x2B7BB9;
  static final int COLOR_ALERT = 0xD83C3E;
  static final String ATTRIBUTION_FIELD = "Answered by";
  static final String CONTINUED = " (continued)";

  /** Characters that are markdown anywhere in a line. */
  private static final String MARKDOWN = "\\*_~`|[]()<";
  /** Characters that are markdown only at the start of a line (headings, quotes, lists). */
  private static final String LINE_START_MARKDOWN = "#>-+";

  private Render() {}

  /** The messages to send for one reply, in order; empty only when the reply is empty. */
  static List<MessageCreateData> messages(Reply reply) {
    return messages(reply, null);
  }

  /**
   * The disclaimer of a turn. The core puts it once, on the last reply of a long answer; the
   * adapter repeats it in the footer of every message of that turn.
   */
  static String disclaimerOf(List<Reply> turn) {
    for (Reply r : turn) {
      for (Part p : r.parts()) {
        if (p.style() == Part.Style.DISCLAIMER && !p.text().isBlank()) {
          return p.text().strip();
        }
      }
    }
    return null;
  }

  /**
   * Like {@link #messages(Reply)}; {@code turnDisclaimer} (may be null) becomes the footer when
   * the reply has no disclaimer of its own.
   */
  static List<MessageCreateData> messages(Reply reply, String turnDisclaimer) {
    String title = null;
    List<Part> body = new ArrayList<>();
    List<String> attributions = new ArrayList<>();
    List<String> disclaimers = new ArrayList<>();
    boolean alert = false;
    for (Part part : reply.parts()) {
      String text = part.text().strip();
      if (text.isEmpty()) {
        continue;
      }
      switch (part.style()) {
        case HEADING:
          if (title == null) {
            title = clip(escape(text), TITLE_MAX - CONTINUED.length());
          } else {
            body.add(part);
          }
          break;
        case ATTRIBUTION:
          attributions.add(escape(text));
          break;
        case DISCLAIMER:
          disclaimers.add(neutralizeMentions(text));
          break;
        case ALERT:
          alert = true;
          body.add(part);
          break;
        default:
          body.add(part);
      }
    }
    if (disclaimers.isEmpty() && turnDisclaimer != null) {
      disclaimers.add(neutralizeMentions(turnDisclaimer));
    }
    String footer = disclaimers.isEmpty() ? null : clip(String.join(" ", disclaimers), FOOTER_MAX);
    String attribution = attributions.isEmpty() ? null
        : clip(String.join("\n", attributions), FIELD_VALUE_MAX);

    int fixed = (title == null ? 0 : title.length() + CONTINUED.length())
        + (footer == null ? 0 : footer.length())
        + (attribution == null ? 0 : ATTRIBUTION_FIELD.length() + attribution.length());
    int budget = Math.min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - fixed);
    List<Layout.Message> layout = Layout.of(body, reply.buttons(),
        new PlatformLimits(budget, LABEL_MAX, BUTTONS_PER_ROW, MAX_ROWS, Render::measure));

    boolean hasEmbed = title != null || footer != null || attribution != null || !body.isEmpty();
    Attachment attachment = reply.attachment();
    if (!hasEmbed && attachment == null && layout.isEmpty()) {
      return List.of();
    }
    if (layout.isEmpty()) {
      layout = List.of(new Layout.Message(List.of(), List.of()));
    }

    List<MessageCreateData> out = new ArrayList<>();
    for (int i = 0; i < layout.size(); i++) {
      boolean first = i == 0;
      boolean last = i == layout.size() - 1;
      String description = description(layout.get(i).parts());
      MessageCreateBuilder message = new MessageCreateBuilder().setAllowedMentions(List.of());
      if (hasEmbed) {
        EmbedBuilder embed = new EmbedBuilder().setColor(alert ? COLOR_ALERT : COLOR_INFO);
        if (title != null) {
          embed.setTitle(first ? title : title + CONTINUED);
        }
        if (!description.isEmpty()) {
          embed.setDescription(description);
        }
        if (last && attribution != null) {
          embed.addField(ATTRIBUTION_FIELD, attribution, false);
        }
        if (footer != null) {
          embed.setFooter(footer);
        }
        message.setEmbeds(embed.build());
      } else {
        // a bare file or a bare set of buttons still needs some text to be a valid message
        message.setContent(attachment != null ? attachment.fileName() : "\u2063");
      }
      if (first && attachment != null) {
        message.setFiles(FileUpload.fromData(attachment.content(), attachment.fileName()));
      }
      if (!layout.get(i).rows().isEmpty()) {
        message.setComponents(rows(layout.get(i).rows()));
      }
      out.add(message.build());
    }
    return out;
  }

  /** A short plain message (errors, notices), neutralized and within the content limit. */
  static MessageCreateData notice(String text) {
    return new MessageCreateBuilder()
        .setAllowedMentions(List.of())
        .setContent(clip(escape(text), CONTENT_MAX))
        .build();
  }

  /** One part as markdown: everything escaped, then styled. */
  private static String markdown(Part part) {
    String text = escape(part.text());
    switch (part.style()) {
      case HEADING:
      case EMPHASIS:
        return wrap("**", text);
      case BULLET:
        return "\u2022 " + text;
      case ALERT:
        return "\uD83D\uDEA8 " + wrap("**", text);
      default:
        return text;
    }
  }

  /** A part's length in a description, with room for the blank line before it. */
  private static int measure(Part part) {
    return markdown(part).length() + 2;
  }

  private static String description(List<Part> parts) {
    StringBuilder b = new StringBuilder();
    Part.Style previous = null;
    for (Part part : parts) {
      if (previous != null) {
        b.append(previous == Part.Style.BULLET && part.style() == Part.Style.BULLET ? "\n" : "\n\n");
      }
      b.append(markdown(part));
      previous = part.style();
    }
    return b.toString();
  }

  /** Whether a cut before index {@code i} keeps every backslash with the character it escapes. */
  private static boolean outsideEscape(String text, int i) {
    int backslashes = 0;
    while (i - 1 - backslashes >= 0 && text.charAt(i - 1 - backslashes) == '\\') {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }

  /** The core's button rows, the first button primary. */
  private static List<ActionRow> rows(List<List<Button>> buttonRows) {
    List<ActionRow> rows = new ArrayList<>();
    boolean primary = true;
    for (List<Button> buttonRow : buttonRows) {
      List<net.dv8tion.jda.api.components.buttons.Button> row = new ArrayList<>();
      for (Button b : buttonRow) {
        row.add(net.dv8tion.jda.api.components.buttons.Button.of(
            primary ? ButtonStyle.PRIMARY : ButtonStyle.SECONDARY, BUTTON_PREFIX + b.payload(),
            neutralizeMentions(b.label())));
        primary = false;
      }
      rows.add(ActionRow.of(row));
    }
    return rows;
  }

  /** The payload of one of our custom_ids, or null when the id is not ours (stale or forged). */
  static String payloadOf(String customId) {
    if (customId == null || !customId.startsWith(BUTTON_PREFIX)) {
      return null;
    }
    String payload = customId.substring(BUTTON_PREFIX.length());
    if (payload.isEmpty() || payload.length() > Button.MAX_PAYLOAD_BYTES
        || !payload.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return null;
    }
    return payload;
  }

  /**
   * Escapes Discord markdown and breaks mentions, so text shows literally and pings nobody. JDA's
   * MarkdownSanitizer is not enough for this: it leaves headings, lists, masked links, mentions
   * and backslashes as they are (JDA 6.5).
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (MARKDOWN.indexOf(c) >= 0 || (lineStart && LINE_START_MARKDOWN.indexOf(c) >= 0)) {
        b.append('\\');
      } else if (lineStart && Character.isDigit(c)) {
        // "1. text" at a line start would become a numbered list
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
          b.append(text, i, j).append('\\');
          i = j - 1;
          lineStart = false;
          continue;
        }
      }
      b.append(c);
      if (c == '\n') {
        lineStart = true;
      } else if (c != ' ' && c != '\t') {
        lineStart = false;
      }
    }
    return neutralizeMentions(b.toString());
  }

  /** Breaks @everyone and @here with a zero-width space; plain text fields have no markdown. */
  static String neutralizeMentions(String text) {
    return text.replace("@everyone", "@\u200Beveryone").replace("@here", "@\u200Bhere");
  }

  static String clip(String text, int max) {
    return TextSplit.clip(text, max, Render::outsideEscape);
  }

  private static String wrap(String marker, String text) {
    return marker + text + marker;
  }

  static int embedLength(MessageEmbed embed) {
    return embed.getLength();
  }
}

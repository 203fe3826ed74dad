package faqbot.discord;

import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.Part;
import faqbot.core.Reply;
import faqbot.core.TextSplit;
import java.util.ArrayList;
import java.util.Collections;
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

  static final int COLOR_INFO = 0x2B7BB9;
  static final int COLOR_ALERT = 0xD83C3E;
  static final String ATTRIBUTION_FIELD = "Answered by";
  static final String CONTINUED = " (continued)";

  /** Characters that are markdown anywhere in a line. */
  private static final String MARKDOWN = "\\*_~`|[]()<";
  /** Characters that are markdown only at the start of a line (headings, quotes, lists). */
  private static final String LINE_START_MARKDOWN = "#>-+";

  private Render() {}

  private record Block(String markdown, boolean bullet) {}

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
    List<Block> blocks = new ArrayList<>();
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
            blocks.add(new Block(wrap("**", escape(text)), false));
          }
          break;
        case PARAGRAPH:
          blocks.add(new Block(escape(text), false));
          break;
        case EMPHASIS:
          blocks.add(new Block(wrap("**", escape(text)), false));
          break;
        case BULLET:
          blocks.add(new Block("\u2022 " + escape(text), true));
          break;
        case ATTRIBUTION:
          attributions.add(escape(text));
          break;
        case DISCLAIMER:
          disclaimers.add(neutralizeMentions(text));
          break;
        case ALERT:
          alert = true;
          blocks.add(new Block("\uD83D\uDEA8 " + wrap("**", escape(text)), false));
          break;
        default:
          blocks.add(new Block(escape(text), false));
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
    List<String> descriptions = pack(blocks, budget);

    boolean hasEmbed = title != null || footer != null || attribution != null || !descriptions.isEmpty();
    Attachment attachment = reply.attachment();
    if (!hasEmbed && attachment == null && reply.buttons().isEmpty()) {
      return List.of();
    }
    if (descriptions.isEmpty()) {
      descriptions = Collections.singletonList(null);
    }

    List<MessageCreateData> out = new ArrayList<>();
    for (int i = 0; i < descriptions.size(); i++) {
      boolean first = i == 0;
      boolean last = i == descriptions.size() - 1;
      MessageCreateBuilder message = new MessageCreateBuilder().setAllowedMentions(List.of());
      if (hasEmbed) {
        EmbedBuilder embed = new EmbedBuilder().setColor(alert ? COLOR_ALERT : COLOR_INFO);
        if (title != null) {
          embed.setTitle(first ? title : title + CONTINUED);
        }
        if (descriptions.get(i) != null) {
          embed.setDescription(descriptions.get(i));
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
      if (last && !reply.buttons().isEmpty()) {
        message.setComponents(rows(reply.buttons()));
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

  /** Groups blocks into descriptions of at most {@code budget} characters. */
  static List<String> pack(List<Block> blocks, int budget) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    Block previous = null;
    for (Block block : blocks) {
      for (String piece : splitDecorated(block, budget)) {
        Block b = new Block(piece, block.bullet());
        String separator = current.length() == 0 ? ""
            : previous != null && previous.bullet() && b.bullet() ? "\n" : "\n\n";
        if (current.length() + separator.length() + piece.length() > budget) {
          out.add(current.toString());
          current.setLength(0);
          separator = "";
        }
        current.append(separator).append(piece);
        previous = b;
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  /** Splits one block so every piece fits, keeping bold markers balanced on each piece. */
  private static List<String> splitDecorated(Block block, int budget) {
    String md = block.markdown();
    if (md.length() <= budget) {
      return List.of(md);
    }
    String prefix = "";
    String suffix = "";
    String inner = md;
    for (String p : new String[] {"\uD83D\uDEA8 **", "**", "\u2022 "}) {
      if (md.startsWith(p)) {
        prefix = p;
        suffix = p.endsWith("**") ? "**" : "";
        inner = md.substring(p.length(), md.length() - suffix.length());
        break;
      }
    }
    List<String> out = new ArrayList<>();
    for (String piece : split(inner, budget - prefix.length() - suffix.length())) {
      out.add(prefix + piece + suffix);
    }
    return out;
  }

  /** Pieces of at most {@code max} characters, cut where the core cuts, never inside an escape. */
  static List<String> split(String text, int max) {
    return TextSplit.split(text, max, Render::outsideEscape);
  }

  /** Whether a cut before index {@code i} keeps every backslash with the character it escapes. */
  private static boolean outsideEscape(String text, int i) {
    int backslashes = 0;
    while (i - 1 - backslashes >= 0 && text.charAt(i - 1 - backslashes) == '\\') {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }

  /** The core's button rows, the first button primary; Discord shows at most five rows. */
  static List<ActionRow> rows(List<Button> buttons) {
    List<ActionRow> rows = new ArrayList<>();
    boolean primary = true;
    for (List<Button> buttonRow : Button.rows(buttons)) {
      if (rows.size() == MAX_ROWS) {
        break;
      }
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

  /** Escapes Discord markdown and breaks mentions, so text shows literally and pings nobody. */
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

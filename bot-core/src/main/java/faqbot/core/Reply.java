package faqbot.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One reply message, platform-neutral. Adapters render the parts in order in their own markup,
 * split it to fit their length limits, and show the buttons (one per row unless they fit).
 *
 * @param parts the content blocks in order
 * @param buttons buttons to show under the reply, in order
 * @param privateToAsker show only to the asking user (Discord ephemeral; on Telegram send in the
 *     private chat when the question came from a group)
 * @param attachment a file to send with it, or null
 */
public record Reply(List<Part> parts, List<Button> buttons, boolean privateToAsker, Attachment attachment) {
  public Reply {
    parts = List.copyOf(parts);
    buttons = List.copyOf(buttons == null ? List.of() : buttons);
  }

  /** The reply as plain text, one part per line; for consoles, logs and tests. */
  public String plainText() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(p.style() == Part.Style.BULLET ? "- " : "").append(p.text());
    }
    return sb.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects parts and buttons. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private final List<Button> buttons = new ArrayList<>();
    private boolean privateToAsker;
    private Attachment attachment;

    private Builder() {}

    public Builder add(Part part) { parts.add(part); return this; }
    public Builder button(String label, String payload) { buttons.add(new Button(label, payload)); return this; }
    public Builder privateToAsker(boolean value) { privateToAsker = value; return this; }
    public Builder attachment(Attachment value) { attachment = value; return this; }

    public Reply build() {
      return new Reply(parts, buttons, privateToAsker, attachment);
    }
  }
}

package faqbot.core;

/**
 * What one platform accepts in one message, for {@link Layout}.
 *
 * @param maxMessageChars the most a message may take, as {@code measure} counts
 * @param maxLabelChars the longest button label
 * @param buttonsPerRow the most buttons in one row
 * @param maxRows the most rows of buttons under one message; buttons beyond them are not shown
 * @param measure how long a part is once the adapter renders it
 */
public record PlatformLimits(int maxMessageChars, int maxLabelChars, int buttonsPerRow,
    int maxRows, Measure measure) {
  /**
   * The length of a part as rendered, escapes, markup and the separator before it included. It
   * must not shrink as the part's text grows, so that a longest fitting piece can be searched for.
   */
  @FunctionalInterface
  public interface Measure {
    int length(Part part);
  }

  /** Plain text, parts one blank line apart. */
  public static final Measure PLAIN = part -> part.text().length() + 2;

  /** Below this a message could not hold a useful piece of text under any markup. */
  static final int MIN_MESSAGE_CHARS = 64;

  public PlatformLimits {
    if (maxMessageChars < MIN_MESSAGE_CHARS || maxLabelChars < 2 || buttonsPerRow < 1 || maxRows < 1) {
      throw new IllegalArgumentException("limits too small: " + maxMessageChars + " chars, labels "
          + maxLabelChars + ", " + buttonsPerRow + " per row, " + maxRows + " rows");
    }
    java.util.Objects.requireNonNull(measure, "measure");
  }
}

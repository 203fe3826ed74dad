package faqbot.core;

import java.util.Objects;

/**
 * One block of a reply. Text is plain: adapters escape it for their markup, so nothing a user or
 * a knowledge entry contains can inject formatting.
 */
public record Part(Style style, String text) {
  public enum Style {
    /** A short title line, rendered bold or as an embed title. */
    HEADING,
    PARAGRAPH,
    /** Stands out: rendered bold or italic. */
    EMPHASIS,
    /** One item of a bullet list. */
    BULLET,
    /** Who answered and when ("Dr. Zhan Xian, Orthopedics, 2020-05-31"). */
    ATTRIBUTION,
    /** The general-information disclaimer, rendered small or in a footer. */
    DISCLAIMER,
    /** Emergency guidance, rendered first and prominent. */
    ALERT
  }

  public Part {
    Objects.requireNonNull(style, "style");
    text = text == null ? "" : text;
  }

  public static Part heading(String text) { return new Part(Style.HEADING, text); }
  public static Part paragraph(String text) { return new Part(Style.PARAGRAPH, text); }
  public static Part emphasis(String text) { return new Part(Style.EMPHASIS, text); }
  public static Part bullet(String text) { return new Part(Style.BULLET, text); }
  public static Part attribution(String text) { return new Part(Style.ATTRIBUTION, text); }
  public static Part disclaimer(String text) { return new Part(Style.DISCLAIMER, text); }
  public static Part alert(String text) { return new Part(Style.ALERT, text); }
}

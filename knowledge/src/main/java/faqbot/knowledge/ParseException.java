package faqbot.knowledge;

/** A document could not be parsed; names the document and the place (a line or an element). */
public final class ParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String document;
  private final String location;

  public ParseException(String document, String location, String problem) {
    this(document, location, problem, null);
  }

  public ParseException(String document, String location, String problem, Throwable cause) {
    super(document + (location == null ? "" : " (" + location + ")") + ": " + problem, cause);
    this.document = document;
    this.location = location;
  }

  public String document() {
    return document;
  }

  /** "line 12", "element QAPair[3]", or null when the whole document is at fault. */
  public String location() {
    return location;
  }
}

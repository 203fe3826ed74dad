package faqbot.knowledge;

/**
 * An entry as one JSON object, every field kept (the export's line format, {@code faqbot export}),
 * for state that holds entries not yet stored: a preview waiting for its Publish button, which
 * another replica may receive.
 */
public final class EntryJson {
  private EntryJson() {}

  public static String write(Entry e) {
    return JsonlCodec.toJsonLine(e);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when {@code json} is not such an entry
   */
  public static Entry read(String json) {
    try {
      return JsonlCodec.fromJsonLine(json, "entry", 1);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}

package faqbot.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Parses documents in the supported formats into entries. Works on text, not files, so the same
 * code reads an imported file and a page a moderator pastes into a chat.
 */
public final class Parsers {
  private Parsers() {}

  /**
   * Guesses the format from the document name and its content: {@code .xml} or a MedQuAD root
   * element is MEDQUAD, {@code .jsonl} or lines starting with '{' is JSONL, numbered sections
   * "AT-A-GLANCE"/"QUICK TAKE" is ARTICLE, a "Dr. X reply" line with "Reply Date" is QA_PAGE.
   */
  public static Optional<Format> detect(String documentName, String text) {
    throw new UnsupportedOperationException("TODO importers");
  }

  /**
   * Parses one document.
   *
   * @param documentName a file name or path ("3_GHR_QA/0000001.xml", "seed.txt") or "chat"; used
   *     for the source and for MedQuAD external ids (the basename without .xml)
   * @throws ParseException naming the document and the line or element at fault
   */
  public static ParsedDocument parse(Format format, String documentName, String text)
      throws ParseException {
    throw new UnsupportedOperationException("TODO importers");
  }
}

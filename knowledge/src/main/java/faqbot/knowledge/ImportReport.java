package faqbot.knowledge;

import java.util.List;

/**
 * What one import of one document did. A document is imported in one transaction: either all of
 * these counts happened, or (on a parse error or a refused entry) nothing did and the error was
 * thrown instead.
 *
 * @param document the document name as given to the importer
 * @param format the format it was parsed as
 * @param added entries that were new
 * @param updated entries whose content changed
 * @param unchanged entries re-imported identical
 * @param skipped what was skipped and why, one line each (the first 100 of a large document)
 * @param skippedCount how many parts were skipped in all
 */
public record ImportReport(String document, Format format, int added, int updated, int unchanged,
    List<String> skipped, int skippedCount) {
  public ImportReport {
    skipped = List.copyOf(skipped);
  }

  public ImportReport(String document, Format format, int added, int updated, int unchanged,
      List<String> skipped) {
    this(document, format, added, updated, unchanged, skipped, skipped.size());
  }
}

package faqbot.knowledge;

import java.util.List;

/**
 * What one import of one document did. A document is imported in one transaction: either all of
 * these counts happened, or (on a parse error) nothing did and the error was thrown instead.
 *
 * @param document the document name as given to the importer
 * @param format the format it was parsed as
 * @param added entries that were new
 * @param updated entries whose content changed
 * @param unchanged entries re-imported identical
 * @param skipped what was skipped and why, one line each
 */
public record ImportReport(
    String document, Format format, int added, int updated, int unchanged, List<String> skipped) {
  public ImportReport {
    skipped = List.copyOf(skipped);
  }
}

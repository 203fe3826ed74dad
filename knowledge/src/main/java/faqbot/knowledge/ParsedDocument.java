package faqbot.knowledge;

import java.util.List;

/**
 * The entries parsed from one document, and what was left out and why (a MedQuAD document
 * without QA pairs, a pair without a question, ...).
 */
public record ParsedDocument(String document, Format format, List<Entry> entries, List<String> skipped) {
  public ParsedDocument {
    entries = List.copyOf(entries);
    skipped = List.copyOf(skipped);
  }
}

package faqbot.knowledge;

import java.util.List;

/** Small hand-built entries for the store and search tests. */
final class KnowledgeBaseTestEntries {
  private KnowledgeBaseTestEntries() {}

  static Entry qa(String externalId, String question, String reply) {
    return Entry.builder(Entry.Kind.QA)
        .title(question)
        .question(question)
        .reply(reply)
        .status(reply == null ? Entry.Status.PENDING : Entry.Status.PUBLISHED)
        .source(new Source("test.txt", "test", null, externalId))
        .build();
  }

  static Entry article(String externalId, String title, String body) {
    return Entry.builder(Entry.Kind.ARTICLE)
        .title(title)
        .body(body)
        .atAGlance(List.of("first point", "second point"))
        .source(new Source("article.txt", "test", "https://example.org/a", externalId))
        .build();
  }

  static ParsedDocument doc(String name, Entry... entries) {
    return new ParsedDocument(name, Format.QA_PAGE, List.of(entries), List.of());
  }
}

package faqbot.knowledge;

/** The document formats the importers read. */
public enum Format {
  /** A doctor Q&amp;A page like shared/seeds/000_*.txt. */
  QA_PAGE,
  /** A health article in numbered sections like shared/seeds/003_*.txt. */
  ARTICLE,
  /** One MedQuAD XML document. */
  MEDQUAD,
  /** Our own export format: one JSON entry per line. */
  JSONL
}

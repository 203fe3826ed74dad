package faqbot.knowledge;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge base: the SQLite store (source of truth) and the Lucene index derived from it.
 * Every change goes to the store first, in one transaction, and then to the index, so a search
 * right after a change sees it. Thread-safe: searches run concurrently with each other and with
 * one writer.
 */
public final class KnowledgeBase implements AutoCloseable {

  /**
   * Opens the knowledge base kept in {@code home} ({@code home/faqbot.db} and {@code home/index}),
   * migrating the schema and rebuilding the index when it is missing or stale.
   */
  public static KnowledgeBase open(Path home) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** The database file, for other modules' tables (see {@link Sqlite}). */
  public Path databaseFile() {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Imports one parsed document in one transaction: adds new entries, updates changed ones. */
  public ImportReport importDocument(ParsedDocument document) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /**
   * Ranks entries for a free-text patient message, best first, ties broken by entry id. Includes
   * PENDING entries (they are matchable); never DELETED ones. Empty, huge or non-English text
   * yields a (possibly empty) list, never an exception.
   */
  public List<SearchHit> search(String text, int limit) {
    throw new UnsupportedOperationException("TODO search");
  }

  public Optional<Entry> get(long id) {
    throw new UnsupportedOperationException("TODO store");
  }

  public Optional<Entry> getByExternalId(String externalId) {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Adds a new entry (id 0) and returns it with its id; {@code actor} goes to the history. */
  public Entry add(Entry entry, String actor) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Replaces the entry with the same id, keeping the previous version in its history. */
  public Entry update(Entry entry, String actor) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Soft delete: status DELETED, kept with history so {@link #restore} can undo it. */
  public Entry remove(long id, String actor) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Undoes the last change of an entry (a removal, or an edit) from its history. */
  public Entry restore(long id, String actor) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Previous versions of an entry, newest first. */
  public List<Revision> history(long id) {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Entries in id order, DELETED ones only if asked for. */
  public List<Entry> list(int offset, int limit, boolean includeDeleted) {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Counts of entries by status. */
  public Counts counts() {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Writes every entry except DELETED ones as JSONL, in id order. */
  public void exportJsonl(Writer out) throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** Rebuilds the index from the store. */
  public void reindex() throws IOException {
    throw new UnsupportedOperationException("TODO search");
  }

  @Override
  public void close() throws IOException {
    throw new UnsupportedOperationException("TODO store");
  }

  /** A previous version of an entry. */
  public record Revision(long entryId, int revision, Entry entry, String actor, java.time.Instant at, String change) {}

  public record Counts(int published, int pending, int deleted) {
    public int total() {
      return published + pending + deleted;
    }
  }
}

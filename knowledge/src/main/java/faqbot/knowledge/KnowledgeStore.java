package faqbot.knowledge;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Port: where entries and their revisions are kept, with the change counter ("generation") the
 * search index is checked against. Every write bumps the generation in the same transaction and
 * records which entries it changed, so the holder of the index can catch up after a crash or
 * follow another process's writes. {@link KnowledgeBase} serializes writes; reads may run beside
 * them and see the last committed state. {@link EntryStore} keeps it in SQLite.
 */
interface KnowledgeStore extends AutoCloseable {

  /**
   * What a write did: the resulting entry (single-entry writes; null for imports), the entries
   * whose indexed form changed, and the generation after it.
   */
  record Written(Entry entry, List<Entry> changed, long generation) {}

  /**
   * Result of one document import: the report, the ids of the entries whose indexed form changed
   * (8 bytes each, the only memory an import keeps per entry), and the generation after it.
   */
  record Imported(ImportReport report, long[] changedIds, long generation) {}

  /**
   * The change counters: the current generation, the last rebuild request, and the oldest
   * generation whose changes are still recorded.
   */
  record State(long generation, long rebuild, long changesFrom) {}

  /** A document parsed whole (chat input, the example pack, tests), in one transaction. */
  Imported importDocument(ParsedDocument doc) throws IOException;

  /**
   * Imports a document's entries in one transaction, reading them one at a time: all of it is
   * stored, or (on a parse error or an entry the store refuses) nothing. Adds new entries and
   * updates changed ones; an entry a moderator deleted stays deleted.
   *
   * @throws ParseException naming the document, the place and, for a refused entry, its id
   */
  Imported importEntries(EntrySource src) throws IOException, ParseException;

  /** With {@code dryRun}, every check and count is made and nothing is kept. */
  Imported importEntries(EntrySource src, boolean dryRun) throws IOException, ParseException;

  /** The current entries with these ids (deleted ones included), in the order given. */
  List<Entry> getAll(long[] ids, int from, int to);

  /** Adds an entry, running {@code also} in the same transaction (may be null). */
  Written add(Entry e, String actor, KnowledgeBase.InSameTransaction also) throws IOException;

  /** Replaces an entry, running {@code also} in the same transaction (may be null). */
  Written update(Entry e, String actor, KnowledgeBase.InSameTransaction also) throws IOException;

  /** Soft delete, kept with its history. */
  Written remove(long id, String actor) throws IOException;

  /** Undoes the last change not yet undone. */
  Written undo(long id, String actor) throws IOException;

  Optional<Entry> get(long id);

  Optional<Entry> getByExternalId(String externalId);

  List<Entry> list(int offset, int limit, boolean includeDeleted);

  KnowledgeBase.Counts counts();

  List<KnowledgeBase.Revision> history(long id);

  State state() throws IOException;

  /**
   * Ids of the entries changed after generation {@code from} up to {@code to}, each once, in the
   * order of their first change then; null when changes that old are no longer recorded.
   */
  long[] changedSince(long from, long to) throws IOException;

  /** Forgets the changes up to {@code generation}: the index holding them is committed. */
  void pruneChanges(long generation) throws IOException;

  /** Asks the process that holds the index to rebuild it; returns the request's number. */
  long requestRebuild() throws IOException;

  /**
   * Every entry except deleted ones in id order with its history (oldest first), from one
   * consistent snapshot: what the JSONL export holds.
   */
  void forEachWithHistory(BiConsumer<Entry, List<StoredRevision>> sink) throws IOException;

  /**
   * Streams entries in id order from one consistent snapshot and returns that snapshot's
   * generation, so an index built from it can be stamped with the right counter.
   */
  long forEach(boolean includeDeleted, Consumer<Entry> sink) throws IOException;

  /** Cached embeddings among {@code keys}. */
  Map<String, float[]> vectors(Collection<String> keys) throws IOException;

  void putVectors(Map<String, float[]> vectors) throws IOException;

  @Override
  void close() throws IOException;
}

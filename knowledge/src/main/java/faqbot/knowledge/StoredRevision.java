package faqbot.knowledge;

import java.time.Instant;

/**
 * One row of an entry's history as the store keeps it and the JSONL export carries it: the entry
 * as the change left it, and for an undo the revision it went back past.
 */
record StoredRevision(int revision, String change, String actor, Instant at, Integer undoes,
    Entry entry) {}

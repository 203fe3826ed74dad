package faqbot.knowledge;

import java.nio.file.Path;

class SqliteEntryStoreTest extends EntryStoreContract {
  @Override
  Database newDatabase(Path dir) {
    return Database.sqlite(dir.resolve("faqbot.db"));
  }
}

package faqbot.knowledge;

import java.nio.file.Path;

class PostgresEntryStoreTest extends EntryStoreContract {
  @Override
  Database newDatabase(Path dir) {
    return PostgresServer.freshDatabase();
  }
}

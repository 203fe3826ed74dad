package faqbot.core;

import faqbot.knowledge.Database;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Leadership} through the shared database's exclusive locks. */
final class DatabaseLeadership implements Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseLeadership.class);
  private final Database database;

  DatabaseLeadership(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Lead> tryLead(String role) {
    try {
      return database.tryLock("faqbot:" + role).map(lock -> new Lead() {
        @Override
        public boolean held() {
          return lock.held();
        }

        @Override
        public void close() {
          lock.close();
        }
      });
    } catch (IOException e) {
      // the database is unreachable: nobody can be sure of leading, so this one does not
      LOG.warn("cannot ask the database who leads {}: {}", role, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Shares share(String role, int count) {
    if (database.dialect() != Database.Dialect.POSTGRESQL) {
      return Leadership.super.share(role, count); // one process holds them all
    }
    return new FairShares(role, count, () -> database.joinNumberedLocks("faqbot:" + role),
        () -> System.nanoTime() / 1_000_000);
  }
}

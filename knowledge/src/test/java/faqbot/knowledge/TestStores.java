package faqbot.knowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The knowledge base of a test's home: SQLite in it, or with
 * {@code -Dfaqbot.test.database=postgresql} a PostgreSQL database of the home's own, the same
 * each time the home is opened again, so that the store's tests run on both (the pom runs them a
 * second time that way).
 */
final class TestStores {
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

  private TestStores() {}

  static boolean postgresql() {
    return "postgresql".equals(System.getProperty("faqbot.test.database"));
  }

  static KnowledgeBase open(Path home) throws IOException {
    if (!postgresql()) {
      return KnowledgeBase.open(home);
    }
    String url = DATABASES.computeIfAbsent(home.toAbsolutePath(), h -> PostgresServer.freshUrl());
    return KnowledgeBase.open(home, Database.postgresql(url, null, null));
  }

  /** For a test that reads or edits the SQLite file itself. */
  static void assumeSqlite() {
    Assumptions.assumeFalse(postgresql(), "this test works on the SQLite file itself");
  }
}

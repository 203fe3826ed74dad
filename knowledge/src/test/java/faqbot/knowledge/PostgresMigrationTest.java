package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replicas that start together on one PostgreSQL migrate the same tracks at once: each step is
 * applied exactly once, whichever replica applies it. The steps here fail when applied twice.
 */
class PostgresMigrationTest {
  private static final int STEPS = 12;
  private static final int REPLICAS = 4;

  @Test
  void replicasMigratingTogetherApplyEachStepOnce() throws Exception {
    List<String> steps = new ArrayList<>();
    steps.add("CREATE TABLE migrated (id INTEGER PRIMARY KEY)");
    for (int i = 1; i < STEPS; i++) {
      steps.add("ALTER TABLE migrated ADD COLUMN c" + i + " INTEGER");
    }
    Database.Track track = new Database.Track("concurrent", steps, steps);
    String url = PostgresServer.freshUrl();
    List<Database> replicas = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> done = new ArrayList<>();
      for (int r = 0; r < REPLICAS; r++) {
        Database db = Database.postgresql(url, null, null);
        replicas.add(db);
        Callable<Integer> migrate = () -> {
          go.await();
          try (Connection c = db.openWriter()) {
            return db.migrate(c, track);
          }
        };
        done.add(pool.submit(migrate));
      }
      go.countDown();
      for (Future<Integer> f : done) {
        f.get(2, TimeUnit.MINUTES); // a step applied twice fails here ("already exists")
      }
      try (Connection c = replicas.get(0).openReader();
          ResultSet rs = c.createStatement().executeQuery(
              "SELECT count(*) FROM information_schema.columns WHERE table_name = 'migrated'")) {
        rs.next();
        assertEquals(STEPS, rs.getInt(1), "the table and each added column");
      }
      try (Connection c = replicas.get(0).openWriter()) {
        assertEquals(STEPS, replicas.get(0).migrate(c, track), "already at the last step");
      }
    } finally {
      pool.shutdownNow();
      replicas.forEach(Database::close);
    }
  }
}

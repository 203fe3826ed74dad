package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.Triage;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation logic works on the stores it is given: here roles and the audit trail live in
 * memory beside the SQLite stores, as another database's would, and the SQLite tables never see
 * them.
 */
class PluggedStoresTest {
  private static final String ADMIN = "900";

  @TempDir Path home;
  private final TestClock clock = new TestClock(Fixtures.START);
  private final Map<String, Role> roles = new ConcurrentHashMap<>();
  private final List<String> audit = new CopyOnWriteArrayList<>();
  private KnowledgeBase kb;
  private BotCore core;
  private CoreStores sqlite;

  @BeforeEach
  void open() throws Exception {
    kb = new Fixtures().open(home);
    sqlite = SqliteStores.open(kb.database(), clock);
    RoleStore inMemoryRoles = new RoleStore() {
      @Override
      public Map<String, Role> all() {
        return Map.copyOf(roles);
      }

      @Override
      public Role roleOf(String userRef) {
        return roles.getOrDefault(userRef, Role.PATIENT);
      }

      @Override
      public void set(String userRef, Role role, String actor) {
        if (role == Role.PATIENT) {
          roles.remove(userRef);
        } else {
          roles.put(userRef, role);
        }
      }
    };
    AuditTrail inMemoryAudit = new AuditTrail() {
      @Override
      public void record(String actor, String action, String target, String detail) {
        audit.add(action + " " + target);
      }

      @Override
      public KnowledgeBase.InSameTransaction recordWith(String actor, String action,
          String target, Function<Entry, String> detail) {
        return (connection, written) -> record(actor, action, target, detail.apply(written));
      }

      @Override
      public List<Admin.AuditRecord> recent(int limit) {
        return List.of();
      }
    };
    CoreStores stores = new CoreStores(sqlite.log, sqlite.logQueries, sqlite.statistics,
        sqlite.queue, sqlite.retention, inMemoryRoles, inMemoryAudit, sqlite.dashboardLinks,
        sqlite.dashboardSessions, sqlite.keys, sqlite.mailbox, sqlite.conversations,
        sqlite.rateLimits, sqlite.sendPacing, sqlite::close);
    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("a test key of enough bytes"), kb, stores, Triage.loadDefault(),
        clock);
  }

  @AfterEach
  void close() throws Exception {
    core.close();
    kb.close();
  }

  @Test
  void aGrantGoesToTheStoreTheCoreWasGiven() {
    FakeChat chat = new FakeChat(core, Platform.TELEGRAM);
    chat.say(ADMIN, "/grant telegram:500 moderator");

    assertEquals(Map.of("telegram:500", Role.MODERATOR), roles);
    assertEquals(List.of("grant telegram:500"), audit);
    assertEquals(Role.MODERATOR, core.roleOf(Platform.TELEGRAM, "500"));
    assertEquals(Role.MODERATOR, core.dashboardLinks().roleOf("telegram:500"));
    assertTrue(sqlite.roles.all().isEmpty(), "the SQLite role table was written");
  }
}

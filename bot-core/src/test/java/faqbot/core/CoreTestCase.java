package faqbot.core;

import faqbot.knowledge.KnowledgeBase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core over the fixture knowledge base in a temporary home, with a test clock and {@link #ADMIN}
 * as its first admin, talked to through {@link FakeChat}. Conversation tests extend it and add
 * what they need (a notifier, a moderator) in their own {@code @BeforeEach}, which runs after
 * this one.
 */
abstract class CoreTestCase {
  static final String ADMIN = "900";
  static final String KEY = "a test key of enough bytes";

  @TempDir Path home;
  final Fixtures fx = new Fixtures();
  final TestClock clock = new TestClock(Fixtures.START);
  KnowledgeBase kb;
  BotCore core;
  FakeChat chat;

  @BeforeEach
  void openCore() throws Exception {
    kb = fx.open(home);
    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey(KEY), kb, clock);
    chat = new FakeChat(core, Platform.TELEGRAM);
  }

  @AfterEach
  void closeCore() throws Exception {
    core.close();
    kb.close();
  }
}

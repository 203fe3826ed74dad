package faqbot.app;

import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.core.SqliteStores;
import faqbot.core.triage.Triage;
import faqbot.knowledge.KnowledgeBase;
import java.time.Clock;

/**
 * What the core runs on: its stores in the knowledge base's SQLite file (the deployment's one
 * database) and the shipped triage rules. Another database is plugged in here.
 */
final class CoreWiring {

  private CoreWiring() {}

  static BotCore core(CoreConfig config, KnowledgeBase knowledge, Clock clock) {
    Triage triage = Triage.loadDefault();
    return BotCore.create(config, knowledge, SqliteStores.open(knowledge.database(), clock),
        triage, clock);
  }
}

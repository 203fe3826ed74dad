package faqbot.core;

import faqbot.knowledge.Database;

/** For the adapters' tests: the leadership replicas on one shared database see (BotCore's). */
public final class SharedLeadership {
  private SharedLeadership() {}

  public static Leadership on(Database database) {
    return new DatabaseLeadership(database);
  }
}

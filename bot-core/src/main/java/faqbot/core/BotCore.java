package faqbot.core;

import faqbot.knowledge.KnowledgeBase;
import java.time.Clock;
import java.util.List;

/**
 * The conversation engine: patient questions, emergency triage, moderator and admin commands,
 * the interaction log. Platform-independent; adapters call {@link #handle} and render replies.
 * Keeps its own tables (track "core") in the knowledge base's SQLite file. Thread-safe.
 */
public final class BotCore implements ChatCore, AutoCloseable {

  private BotCore() {}

  /**
   * Opens the core over a knowledge base, creating or migrating its tables.
   *
   * @throws java.io.UncheckedIOException when the database cannot be opened
   */
  public static BotCore create(CoreConfig config, KnowledgeBase knowledge, Clock clock) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public List<Reply> handle(IncomingMessage message) {
    return process(message).replies();
  }

  /** Like {@link #handle}, with what the core decided (outcome, matched entry, confidence). */
  public Turn process(IncomingMessage message) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public Role roleOf(Platform platform, String userId) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public List<CommandSpec> commandsFor(Role role) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public void registerNotifier(Platform platform, Notifier notifier) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Admin queries for the command line. */
  public Admin admin() {
    throw new UnsupportedOperationException("TODO");
  }

  /** The configuration the core runs with. */
  public CoreConfig config() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Flushes the interaction log and closes the core's database connections (not the knowledge base). */
  @Override
  public void close() {
    throw new UnsupportedOperationException("TODO");
  }
}

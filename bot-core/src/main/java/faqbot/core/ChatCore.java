package faqbot.core;

import java.util.List;

/**
 * The conversation engine as adapters see it. Adapters translate a platform event into an
 * {@link IncomingMessage}, call {@link #handle}, and render the replies. Thread-safe.
 */
public interface ChatCore {

  /**
   * Handles one message and returns the replies to send, in order (usually one). Never throws
   * for bad user input: malformed commands get a usage reply, unknown buttons a polite one.
   */
  List<Reply> handle(IncomingMessage message);

  /** The user's role, for per-user command menus (the core re-checks on every command). */
  Role roleOf(Platform platform, String userId);

  /**
   * The commands this core understands, for menus and slash commands; adapters derive theirs
   * from it rather than declaring commands of their own.
   */
  default CommandCatalogue commands() {
    return CommandCatalogue.STANDARD;
  }

  /** Registers the adapter that delivers notifications on its platform. */
  void registerNotifier(Platform platform, Notifier notifier);

  /**
   * Where an adapter keeps the turns it received and the messages it has to send, so that a
   * restart loses neither; called once when an adapter starts. {@link BotCore} keeps them in its
   * database. This default, for cores without one (test doubles), keeps them in memory only.
   */
  default Mailbox mailbox() {
    return Mailbox.inMemory();
  }

  /** Who among replicas sharing the database does the work only one may do (see the port). */
  default Leadership leadership() {
    return Leadership.alone();
  }

  /**
   * What outgoing messages reserved of the platform's send limits, shared by the replicas on one
   * database (see the port); called once when an adapter starts. This default, for cores without
   * a database, keeps them in this process.
   */
  default SendPacing sendPacing() {
    return SendPacing.inProcess();
  }
}

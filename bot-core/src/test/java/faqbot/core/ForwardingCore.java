package faqbot.core;

import java.util.List;

/**
 * A core that hands everything to another one; test doubles override {@link #handle} to record
 * or change a turn and keep the rest of the real core (roles, menus, notifiers, mailbox).
 */
public abstract class ForwardingCore implements ChatCore {
  protected final ChatCore core;

  protected ForwardingCore(ChatCore core) {
    this.core = core;
  }

  @Override
  public List<Reply> handle(IncomingMessage message) {
    return core.handle(message);
  }

  @Override
  public Role roleOf(Platform platform, String userId) {
    return core.roleOf(platform, userId);
  }

  @Override
  public CommandCatalogue commands() {
    return core.commands();
  }

  @Override
  public void registerNotifier(Platform platform, Notifier notifier) {
    core.registerNotifier(platform, notifier);
  }

  @Override
  public Mailbox mailbox() {
    return core.mailbox();
  }

  @Override
  public Leadership leadership() {
    return core.leadership();
  }

  @Override
  public SendPacing sendPacing() {
    return core.sendPacing();
  }
}

package faqbot.core;

import java.util.Optional;

/**
 * Port: work only one process may do at a time among replicas that share a database, such as
 * polling Telegram (two pollers of one bot get 409 Conflict and lose each other's updates). The
 * lead is held until closed or until the process dies, when another replica may take it.
 */
public interface Leadership {

  /** A lead held. */
  interface Lead extends AutoCloseable {
    /** False once the lead was lost (the database connection that held it broke). */
    boolean held();

    /** Gives the lead up. */
    @Override
    void close();
  }

  /** Takes the lead for {@code role} when nobody holds it; empty when another process does. */
  Optional<Lead> tryLead(String role);

  /** One process alone (an embedded database): it always leads. */
  static Leadership alone() {
    return role -> Optional.of(new Lead() {
      @Override
      public boolean held() {
        return true;
      }

      @Override
      public void close() {}
    });
  }
}

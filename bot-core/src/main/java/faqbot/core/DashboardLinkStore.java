package faqbot.core;

import java.time.Instant;
import java.util.Optional;

/** Port: one-time dashboard sign-in links, by the hash of their token (never the token). */
interface DashboardLinkStore {

  /** Stores a link; links expired a day ago may be deleted on the way. */
  void store(String tokenHash, String actor, Instant expires);

  /**
   * Uses a link: marks it used and returns the staff member it was issued to, when it exists, is
   * unused and has not expired. Two processes on the same store cannot both accept it.
   */
  Optional<String> redeem(String tokenHash);
}

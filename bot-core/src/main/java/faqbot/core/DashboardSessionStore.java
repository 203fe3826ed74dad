package faqbot.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: signed-in dashboard browsers, by the hash of their session token (never the token), so
 * that any replica behind a load balancer knows a session another one opened. Besides who is
 * signed in, a session carries the one-shot notice of its next page and the buttons of the core's
 * last reply (their payloads never leave the server).
 */
interface DashboardSessionStore {
  /** Who is signed in, until when. */
  record Stored(String actor, Instant expires) {}

  /** A notice for the next page and the buttons offered with it (encoded; null: none). */
  record Notice(String text, String offer) {}

  /** Stores a new session; sessions expired by then may be deleted on the way. */
  void create(String tokenHash, String actor, Instant expires);

  /** The session, when it exists and has not expired at {@code now}. */
  Optional<Stored> find(String tokenHash, Instant now);

  /** Sets the next page's notice and the offered buttons ({@code offer} null: none). */
  void notice(String tokenHash, String text, String offer);

  /** Sets the next page's notice and keeps the buttons offered. */
  void notice(String tokenHash, String text);

  /** Takes the notice (cleared; the offer stays until pressed or replaced); empty when none. */
  Optional<Notice> takeNotice(String tokenHash);

  /** Takes the offered buttons (cleared), so each offer is pressed at most once; null when none. */
  String takeOffer(String tokenHash);

  /** Ends the session (signing out, or a role that no longer allows it). */
  void remove(String tokenHash);
}

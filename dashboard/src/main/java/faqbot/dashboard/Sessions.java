package faqbot.dashboard;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import faqbot.core.Button;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signed-in browsers, in memory: a restart signs everyone out, which is acceptable for a handful
 * of staff and keeps session ids out of the database. Each session has its own CSRF token.
 */
final class Sessions {
  static final Duration TTL = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One signed-in staff member; {@code flash} is a one-shot message for the next page, and
   * {@code offer} the buttons of the core's last reply (a preview's Publish / Cancel), whose
   * payloads stay on the server: the page only names them by position.
   */
  record Session(String id, String actor, String csrf, Instant expires,
      AtomicReference<String> flash, AtomicReference<List<Button>> offer) {
    boolean csrfMatches(String candidate) {
      return candidate != null && MessageDigest.isEqual(csrf.getBytes(
          java.nio.charset.StandardCharsets.UTF_8), candidate.getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  Session create(String actor) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !s.expires().isAfter(now));
    Session s = new Session(random(), actor, random(), now.plus(TTL), new AtomicReference<>(),
        new AtomicReference<>());
    sessions.put(s.id(), s);
    return s;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.expires().isAfter(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void remove(String id) {
    sessions.remove(id);
  }

  static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

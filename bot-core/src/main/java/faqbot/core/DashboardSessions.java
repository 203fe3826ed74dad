package faqbot.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signed-in dashboard browsers, kept in the core's database so that every process on it (the
 * replicas behind a load balancer, or the bot and {@code faqbot dashboard}) accepts a session any
 * of them opened, and a sign-out or expiry holds on all. Only the SHA-256 of a session token is
 * stored: a copy of the database signs nobody in. The CSRF token is derived from the session
 * token (a hash under another label), so it is not stored at all and cannot be computed from what
 * is. Obtained from {@link BotCore#dashboardSessions()}.
 */
public final class DashboardSessions {
  /** How long a session lasts after signing in. */
  public static final Duration TTL = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A session as a request sees it; {@code token} is the cookie's value, which never leaves the
   * request (it is neither stored nor logged).
   */
  public record Session(String token, String actor, String csrf, Instant expires) {
    @Override
    public String toString() {
      return "Session[" + actor + ", until " + expires + "]";
    }
  }

  /** A one-shot notice for the next page, with the buttons of the core's reply it came from. */
  public record Notice(String text, List<Button> offer) {}

  private final DashboardSessionStore store;
  private final Clock clock;

  DashboardSessions(DashboardSessionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Opens a session for "platform:userId", who was just signed in by a link. */
  public Session open(String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = clock.instant().plus(TTL);
    store.create(DashboardLinks.hash(token), actor, expires);
    return new Session(token, actor, csrf(token), expires);
  }

  /** The session of this cookie value, when it exists and has not expired. */
  public Optional<Session> find(String token) {
    if (!plausible(token)) {
      return Optional.empty();
    }
    return store.find(DashboardLinks.hash(token), clock.instant())
        .map(s -> new Session(token, s.actor(), csrf(token), s.expires()));
  }

  /** Ends the session on every replica. */
  public void close(Session session) {
    store.remove(DashboardLinks.hash(session.token()));
  }

  /** Sets the next page's notice and the buttons offered with it (empty: none). */
  public void notice(Session session, String text, List<Button> offer) {
    store.notice(DashboardLinks.hash(session.token()), text, encode(offer));
  }

  /** Sets the next page's notice, keeping the buttons offered. */
  public void notice(Session session, String text) {
    store.notice(DashboardLinks.hash(session.token()), text);
  }

  /** Takes the next page's notice, once, with the buttons offered; empty when there is none. */
  public Optional<Notice> takeNotice(Session session) {
    return store.takeNotice(DashboardLinks.hash(session.token()))
        .map(n -> new Notice(n.text(), decode(n.offer())));
  }

  /** Takes the buttons offered, so that each is pressed at most once; empty when none are. */
  public List<Button> takeOffer(Session session) {
    return decode(store.takeOffer(DashboardLinks.hash(session.token())));
  }

  private static boolean plausible(String token) {
    return token != null && !token.isEmpty() && token.length() <= 200;
  }

  private static String csrf(String token) {
    // another label than the stored hash's input, so the stored hash does not give it away
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        java.util.HexFormat.of().parseHex(DashboardLinks.hash("csrf:" + token)));
  }

  /** One button a line: the payload and the label, each URL-encoded. */
  static String encode(List<Button> buttons) {
    if (buttons == null || buttons.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (Button button : buttons) {
      b.append(URLEncoder.encode(button.payload(), StandardCharsets.UTF_8)).append(' ')
          .append(URLEncoder.encode(button.label(), StandardCharsets.UTF_8)).append('\n');
    }
    return b.toString();
  }

  static List<Button> decode(String offer) {
    if (offer == null || offer.isEmpty()) {
      return List.of();
    }
    List<Button> buttons = new ArrayList<>();
    for (String line : offer.split("\n")) {
      int space = line.indexOf(' ');
      buttons.add(new Button(URLDecoder.decode(line.substring(space + 1), StandardCharsets.UTF_8),
          URLDecoder.decode(line.substring(0, space), StandardCharsets.UTF_8)));
    }
    return List.copyOf(buttons);
  }
}

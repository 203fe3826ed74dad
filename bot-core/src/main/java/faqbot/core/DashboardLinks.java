package faqbot.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One-time sign-in links to the web dashboard: a moderator or admin sends {@code /dashboard} in a
 * private chat and gets a link with a random token, valid for {@link #VALID} and usable once. Only
 * the token's SHA-256 is stored (in the core's database), so a copy of the database signs nobody
 * in, and any process on the same database (the bot, or {@code faqbot dashboard}) can accept the
 * link. Roles are read from the database at every call, never cached, so a revoke takes effect on
 * the next request. Obtained from {@link BotCore#dashboardLinks()}.
 */
public final class DashboardLinks {
  /** How long a link can be used. */
  public static final Duration VALID = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DashboardLinkStore links;
  private final RoleStore roles;
  private final AuditTrail audit;
  private final CoreConfig config;
  private final Clock clock;

  DashboardLinks(CoreStores stores, CoreConfig config, Clock clock) {
    this.links = stores.dashboardLinks;
    this.roles = stores.roles;
    this.audit = stores.audit;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A new token for the staff member ("platform:userId"); its hash is stored. {@code /dashboard}
   * uses it, and {@code faqbot dashboard --link-for} (whoever has the server's shell has the
   * database anyway); the role is checked again when the link is used.
   */
  public String issue(String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    links.store(hash(token), actor, clock.instant().plus(VALID));
    return token;
  }

  /**
   * Uses a link's token: returns the staff member ("platform:userId") it was issued to, once;
   * empty for an unknown, used or expired token.
   */
  public Optional<String> redeem(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    return links.redeem(hash(token));
  }

  /** The role of "platform:userId" now: an initial admin by configuration, else the stored role. */
  public Role roleOf(String actor) {
    if (config.initialAdmins().contains(actor)) {
      return Role.ADMIN;
    }
    return roles.roleOf(actor);
  }

  /** Writes a dashboard action to the audit trail, as the chat commands do theirs. */
  public void audit(String actor, String action, String target, String detail) {
    audit.record(actor, action, target, detail);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

package faqbot.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the conversation core. Immutable: every {@code with...} returns a changed copy.
 * Start from {@link #defaults()}.
 */
public final class CoreConfig {
  public static final String DEFAULT_DISCLAIMER =
      "This is general health information, not a diagnosis or medical advice for your situation. "
          + "Please see a doctor or other qualified clinician about your own symptoms and treatment.";
  public static final String DEFAULT_CRISIS_LINE =
      "If you are thinking about suicide or hurting yourself, you are not alone: call or text 988 "
          + "(the 988 Suicide & Crisis Lifeline, free and available 24/7), or call 911 if you are in "
          + "immediate danger.";

  private final String disclaimer;
  private final String emergencyNumber;
  private final String crisisLine;
  private final double confidenceThreshold;
  private final double suggestionThreshold;
  private final Set<String> initialAdmins;
  private final byte[] pseudonymizationKey;
  private final int retentionDays;
  private final int rateLimitPerMinute;
  private final int maxMessageLength;
  private final boolean followUps;

  private CoreConfig(String disclaimer, String emergencyNumber, String crisisLine,
      double confidenceThreshold, double suggestionThreshold, Set<String> initialAdmins,
      byte[] pseudonymizationKey, int retentionDays, int rateLimitPerMinute, int maxMessageLength,
      boolean followUps) {
    this.disclaimer = disclaimer;
    this.emergencyNumber = emergencyNumber;
    this.crisisLine = crisisLine;
    this.confidenceThreshold = confidenceThreshold;
    this.suggestionThreshold = suggestionThreshold;
    this.initialAdmins = initialAdmins;
    this.pseudonymizationKey = pseudonymizationKey;
    this.retentionDays = retentionDays;
    this.rateLimitPerMinute = rateLimitPerMinute;
    this.maxMessageLength = maxMessageLength;
    this.followUps = followUps;
  }

  /**
   * Without follow-ups every message is read on its own words: for a batch of unrelated questions
   * from one sender ({@code faqbot ask} reading lines), where the last answer's topic would bend
   * the next question toward it.
   */
  public CoreConfig withFollowUps(boolean on) {
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, rateLimitPerMinute,
        maxMessageLength, on);
  }

  /** Whether a follow-up is read with the last answer's topic (on by default). */
  public boolean followUps() {
    return followUps;
  }

  /**
   * The default confidence needed to answer. Confidence is the fitted probability that the shown
   * hit is right ({@code ConfidenceFit} in knowledge's tests, on the LiveQA dev split and the lay
   * questions), so this is the lowest probability the bot answers at: the lowest threshold at which
   * at most 5% of lay messages get a wrong answer and at least 70% of dev answers are useful
   * (README, "Confidence and the answer threshold").
   */
  public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.65;

  /**
   * Defaults: emergency number 911, the 988 crisis line, confidence threshold
   * {@value #DEFAULT_CONFIDENCE_THRESHOLD}, suggestions from 0.2, no initial admins, no pseudonymization key (the core then generates one and keeps it
   * in its database), 90 days of log retention, 20 messages per minute per user, 4,000 characters
   * per message.
   */
  public static CoreConfig defaults() {
    return new CoreConfig(DEFAULT_DISCLAIMER, "911", DEFAULT_CRISIS_LINE,
        DEFAULT_CONFIDENCE_THRESHOLD, 0.2, Set.of(),
        null, 90, 20, 4000, true);
  }

  public CoreConfig withDisclaimer(String text) {
    requireText(text, "disclaimer");
    return new CoreConfig(text.strip(), emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, rateLimitPerMinute,
        maxMessageLength, followUps);
  }

  public CoreConfig withEmergencyNumber(String number) {
    requireText(number, "emergency number");
    return new CoreConfig(disclaimer, number.strip(), crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, rateLimitPerMinute,
        maxMessageLength, followUps);
  }

  public CoreConfig withCrisisLine(String text) {
    requireText(text, "crisis line");
    return new CoreConfig(disclaimer, emergencyNumber, text.strip(), confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, rateLimitPerMinute,
        maxMessageLength, followUps);
  }

  /** The minimum {@code SearchHit.confidence} for answering, in [0, 1]. */
  public CoreConfig withConfidenceThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("confidence threshold must be in [0, 1]: " + threshold);
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, threshold,
        Math.min(suggestionThreshold, threshold), initialAdmins, pseudonymizationKey,
        retentionDays, rateLimitPerMinute, maxMessageLength, followUps);
  }

  /** The lower bar for offering a hit as a "similar question" button, at most the threshold. */
  public CoreConfig withSuggestionThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("suggestion threshold must be in [0, 1]: " + threshold);
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        Math.min(threshold, confidenceThreshold), initialAdmins, pseudonymizationKey,
        retentionDays, rateLimitPerMinute, maxMessageLength, followUps);
  }

  /**
   * Users who are always admins, as {@code platform:userId} ("telegram:123"). They cannot be
   * revoked in chat: configuration is their source of truth.
   */
  public CoreConfig withInitialAdmins(Set<String> admins) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String a : admins) {
      normalized.add(normalizeUserRef(a));
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, Set.copyOf(normalized), pseudonymizationKey, retentionDays,
        rateLimitPerMinute, maxMessageLength, followUps);
  }

  /** Parses {@code FAQBOT_ADMINS}-style text: {@code telegram:123,discord:456}. */
  public CoreConfig withInitialAdmins(String commaSeparated) {
    Set<String> admins = new LinkedHashSet<>();
    if (commaSeparated != null) {
      for (String s : commaSeparated.split("[,\\s]+")) {
        if (!s.isBlank()) {
          admins.add(s);
        }
      }
    }
    return withInitialAdmins(admins);
  }

  /** The key of the keyed hash that turns platform user ids into log keys (at least 16 bytes). */
  public CoreConfig withPseudonymizationKey(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("pseudonymization key must have at least 16 bytes");
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, key.clone(), retentionDays, rateLimitPerMinute,
        maxMessageLength, followUps);
  }

  public CoreConfig withPseudonymizationKey(String key) {
    return withPseudonymizationKey(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
  }

  public CoreConfig withRetentionDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("retention must be at least 1 day: " + days);
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, days, rateLimitPerMinute,
        maxMessageLength, followUps);
  }

  /** Messages (including button presses) per minute per user, also the burst size. */
  public CoreConfig withRateLimit(int messagesPerMinute) {
    if (messagesPerMinute < 1) {
      throw new IllegalArgumentException("rate limit must be at least 1: " + messagesPerMinute);
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, messagesPerMinute,
        maxMessageLength, followUps);
  }

  public CoreConfig withMaxMessageLength(int chars) {
    if (chars < 100) {
      throw new IllegalArgumentException("max message length must be at least 100: " + chars);
    }
    return new CoreConfig(disclaimer, emergencyNumber, crisisLine, confidenceThreshold,
        suggestionThreshold, initialAdmins, pseudonymizationKey, retentionDays, rateLimitPerMinute,
        chars, followUps);
  }

  public String disclaimer() { return disclaimer; }
  public String emergencyNumber() { return emergencyNumber; }
  public String crisisLine() { return crisisLine; }
  public double confidenceThreshold() { return confidenceThreshold; }
  public double suggestionThreshold() { return suggestionThreshold; }
  public Set<String> initialAdmins() { return initialAdmins; }
  public int retentionDays() { return retentionDays; }
  public int rateLimitPerMinute() { return rateLimitPerMinute; }
  public int maxMessageLength() { return maxMessageLength; }

  /** The configured key, or null when the core should use the one kept in its database. */
  byte[] pseudonymizationKey() {
    return pseudonymizationKey == null ? null : pseudonymizationKey.clone();
  }

  /** {@code "Telegram:123 "} to {@code "telegram:123"}; rejects unknown platforms. */
  static String normalizeUserRef(String ref) {
    String s = Objects.requireNonNull(ref, "user").strip();
    int colon = s.indexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("expected platform:userId, got '" + ref + "'");
    }
    String platform = s.substring(0, colon).toLowerCase(Locale.ROOT);
    boolean known = Arrays.stream(Platform.values()).anyMatch(p -> p.key().equals(platform));
    if (!known) {
      throw new IllegalArgumentException("unknown platform '" + platform + "' in '" + ref
          + "' (expected telegram, discord or console)");
    }
    return platform + ":" + s.substring(colon + 1).strip();
  }

  private static void requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}

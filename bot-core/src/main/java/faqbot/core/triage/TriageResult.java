package faqbot.core.triage;

/**
 * The outcome of {@link Triage#assess}: whether a message describes an emergency happening now.
 *
 * @param level what kind of urgent reply the message needs
 * @param ruleId the id of the rule that fired (from the rules file), or null for {@link Level#NONE}
 * @param category the kind of emergency (for example {@code BREATHING}, {@code STROKE}), or null
 *     for {@link Level#NONE}
 */
public record TriageResult(Level level, String ruleId, String category) {

  /** How urgent a message is. */
  public enum Level {
    /** Nothing urgent recognized: go on and search the knowledge base. */
    NONE,
    /**
     * Should be seen by a clinician today, not an ambulance case (for example new numbness in a
     * leg days after a spine procedure): an urgency note first, then the normal answer.
     */
    URGENT,
    /** A medical emergency in progress: reply with emergency guidance first. */
    EMERGENCY,
    /**
     * Suicidal thoughts, intent or self-harm: reply with a crisis-line message (which should also
     * name the emergency number, since an overdose or injury may already have happened).
     */
    SELF_HARM;

    /** Lower-case name as logged and printed ("self_harm"). */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final TriageResult NONE = new TriageResult(Level.NONE, null, null);

  public TriageResult {
    if (level == null) {
      throw new IllegalArgumentException("level is required");
    }
  }

  /** The result for a message that needs no urgent reply. */
  public static TriageResult none() {
    return NONE;
  }

  /** Emergency guidance first and only: {@link Level#EMERGENCY} or {@link Level#SELF_HARM}. */
  public boolean emergency() {
    return level == Level.EMERGENCY || level == Level.SELF_HARM;
  }
}

package faqbot.core;

import java.util.List;

/**
 * One handled message with what the core decided, for callers that need more than the replies
 * (the {@code faqbot ask --json} command line).
 *
 * @param replies what to send, in order (the same as {@link ChatCore#handle})
 * @param outcome what the interaction log recorded
 * @param entryId the entry shown as the answer, or null
 * @param externalId that entry's external id, or null
 * @param confidence for questions, the shown entry's confidence, or the best hit's when none is
 *     shown; else null
 * @param suggestions titles of the similar or close questions offered as buttons
 * @param triageRule the triage rule that fired, or null
 * @param triage the care level triage found ("none", "urgent", "emergency", "self_harm")
 */
public record Turn(
    List<Reply> replies,
    Outcome outcome,
    Long entryId,
    String externalId,
    Double confidence,
    List<String> suggestions,
    String triageRule,
    String triage) {
  public Turn {
    replies = List.copyOf(replies);
    suggestions = List.copyOf(suggestions == null ? List.of() : suggestions);
  }
}

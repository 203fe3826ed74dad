package faqbot.knowledge;

/**
 * One ranked search result.
 *
 * @param entry the matched entry (may be PENDING: callers decide whether it can be shown)
 * @param score the fused ranking score (comparable only within one search)
 * @param confidence the estimated probability that this entry answers the message (see
 *     {@code Confidence}); comparable across searches, and what callers threshold
 */
public record SearchHit(Entry entry, float score, double confidence) {}

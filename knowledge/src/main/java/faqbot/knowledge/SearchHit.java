package faqbot.knowledge;

/**
 * One ranked search result.
 *
 * @param entry the matched entry (may be PENDING: callers decide whether it can be shown)
 * @param score the raw ranking score (comparable only within one search)
 * @param confidence a normalized confidence in [0, 1] that callers threshold; comparable across
 *     searches
 */
public record SearchHit(Entry entry, float score, double confidence) {}

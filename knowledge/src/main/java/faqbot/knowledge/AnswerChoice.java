package faqbot.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Which hit of a search the bot shows as its answer. The bot, {@code faqbot ask} and the
 * evaluations all decide here, so that what is measured is what patients get.
 */
public final class AnswerChoice {
  /**
   * Hits the bot asks for per message: candidates for the answer and the suggestions under it.
   * Evaluations that rank more must choose among this many, as the bot does.
   */
  public static final int SEARCH_LIMIT = 6;

  private AnswerChoice() {}

  /**
   * The hit to show, or empty for an honest decline. Hits are ranked best first; only an
   * answerable entry can be shown, and only when its confidence reaches {@code threshold}.
   */
  public static Optional<SearchHit> choose(List<SearchHit> hits, double threshold) {
    List<SearchHit> candidates = hits.subList(0, Math.min(SEARCH_LIMIT, hits.size()));
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    SearchHit best = candidates.get(0);
    if (best.entry().isAnswerable() && best.confidence() >= threshold) {
      return Optional.of(best);
    }
    return Optional.empty();
  }
}

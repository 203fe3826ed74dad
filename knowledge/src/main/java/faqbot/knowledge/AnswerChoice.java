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
   * The hit to show, or empty for an honest decline: the best answerable hit among the first
   * {@link #SEARCH_LIMIT}, when its own confidence reaches {@code threshold}.
   *
   * <p>Pending hits are passed over rather than ending the search: a question-only MedQuAD pair
   * (ADAM, drugs, herbs) ranked first used to hide a published answer just below it. Measured on
   * the LiveQA dev split and the lay-questions set (README, "Choosing what is shown"). A pending
   * hit lends the answer below it none of its confidence: doing so (when both share topic and
   * question type) changed no figure, so the simpler rule was kept.
   */
  public static Optional<SearchHit> choose(List<SearchHit> hits, double threshold) {
    int n = Math.min(SEARCH_LIMIT, hits.size());
    for (int i = 0; i < n; i++) {
      SearchHit h = hits.get(i);
      if (h.entry().isAnswerable()) {
        return h.confidence() >= threshold ? Optional.of(h) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}

package faqbot.knowledge;

/**
 * The weights of question understanding in ranking, as fractions of the message's own reference
 * score (see {@link SearchQueryBuilder}): with focus 0.5, naming an entry's topic is worth half of
 * a full word-for-word match. Chosen on the LiveQA dev split ({@code RetrievalTuning}); the
 * test split is only reported.
 *
 * @param focus bonus for an entry whose topic the message names
 * @param focusType further bonus when that entry also answers the kind of question asked
 * @param plainType the type assumed when the wording shows none ("information": what is X)
 * @param sharpness the power a mention's specificity is raised to: higher favours rare topics
 * @param mentions how many of the most specific topics mentioned count
 */
record SearchTuning(double focus, double focusType, String plainType, double sharpness, int mentions) {
  static final SearchTuning DEFAULT = new SearchTuning(0, 0.5, "information", 1, 2);
  static final SearchTuning BM25_ONLY = new SearchTuning(0, 0, null, 1, 0);
}

package faqbot.knowledge;

/**
 * The weights of ranking. The first five are question understanding in the lexical ranking, as
 * fractions of the message's own reference score (see {@link SearchQueryBuilder}): with focus 0.5,
 * naming an entry's topic is worth half of a full word-for-word match. The rest fuse that ranking
 * with the dense (embedding) one by reciprocal rank. Chosen on the LiveQA dev split and the lay
 * questions ({@code RetrievalTuning}); the test split is only reported.
 *
 * @param focus bonus for an entry whose topic the message names
 * @param focusType further bonus when that entry also answers the kind of question asked
 * @param plainType the type assumed when the wording shows none ("information": what is X)
 * @param sharpness the power a mention's specificity is raised to: higher favours rare topics
 * @param mentions how many of the most specific topics mentioned count
 * @param dense weight of the dense ranking in the fusion; 0 ranks lexically only
 * @param agreement fused bonus, in units of a first rank, for an entry about a named topic that
 *     answers the kind of question asked: embeddings barely tell "treatment of X" from
 *     "symptoms of X", so the question type stays a signal of its own
 * @param rrfK the reciprocal-rank constant: larger flattens the difference between ranks
 * @param denseAnswerable whether the dense ranking keeps to entries with a reviewed answer: two
 *     thirds of MedQuAD is question-only, and their near-duplicate questions otherwise fill the
 *     dense ranking and push the answerable entry out of the hits the bot chooses among
 * @param siblings whether a hit stands for its answerable sibling that answers the kind of question
 *     asked (see {@code KnowledgeBase#promoteSiblings})
 * @param specificTopics the power of a named topic's specificity, relative to the most specific one
 *     named, that scales its agreement bonus; 0: every named topic counts alike
 */
record SearchTuning(double focus, double focusType, String plainType, double sharpness, int mentions,
    double dense, double agreement, int rrfK, boolean denseAnswerable, boolean siblings,
    double specificTopics) {
  /** Lexical candidates fused: deeper adds only entries no ranking puts near the top. */
  static final int LEXICAL_DEPTH = 50;
  static final int DENSE_DEPTH = 100;

  static final SearchTuning DEFAULT = new SearchTuning(0, 0.5, "information", 1, 2, 1, 1, 60, false, true, 1);
  static final SearchTuning BM25_ONLY = new SearchTuning(0, 0, null, 1, 0);

  SearchTuning(double focus, double focusType, String plainType, double sharpness, int mentions,
      double dense, double agreement, int rrfK, boolean denseAnswerable, boolean siblings) {
    this(focus, focusType, plainType, sharpness, mentions, dense, agreement, rrfK, denseAnswerable,
        siblings, 0);
  }

  /** A lexical-only ranking. */
  SearchTuning(double focus, double focusType, String plainType, double sharpness, int mentions) {
    this(focus, focusType, plainType, sharpness, mentions, 0, 0, 60, false, false);
  }

  SearchTuning withFusion(double dense, double agreement, int rrfK, boolean denseAnswerable) {
    return new SearchTuning(focus, focusType, plainType, sharpness, mentions, dense, agreement, rrfK,
        denseAnswerable, siblings, specificTopics);
  }

  SearchTuning withSiblings(boolean on) {
    return new SearchTuning(focus, focusType, plainType, sharpness, mentions, dense, agreement, rrfK,
        denseAnswerable, on, specificTopics);
  }
}

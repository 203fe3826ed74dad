package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerChoiceTest {
  private static SearchHit hit(String id, Entry.Status status, double confidence) {
    Entry e = Entry.builder(Entry.Kind.QA).status(status).title(id).question(id)
        .reply(status == Entry.Status.PENDING ? null : "an answer")
        .source(new Source("test", "test", null, id)).build();
    return new SearchHit(e, (float) confidence * 10, confidence);
  }

  private static Optional<String> shown(List<SearchHit> hits, double threshold) {
    return AnswerChoice.choose(hits, threshold).map(h -> h.entry().source().externalId());
  }

  @Test
  void pendingBestHitDoesNotHideThePublishedAnswerBelowIt() {
    List<SearchHit> hits = List.of(hit("pending", Entry.Status.PENDING, 0.9),
        hit("published", Entry.Status.PUBLISHED, 0.5), hit("other", Entry.Status.PUBLISHED, 0.4));
    assertEquals(Optional.of("published"), shown(hits, 0.3));
  }

  @Test
  void theAnswerNeedsItsOwnConfidenceNotThePendingHits() {
    List<SearchHit> hits = List.of(hit("pending", Entry.Status.PENDING, 0.9),
        hit("published", Entry.Status.PUBLISHED, 0.2), hit("lower", Entry.Status.PUBLISHED, 0.1));
    assertEquals(Optional.empty(), shown(hits, 0.3));
  }

  private static SearchHit about(String focus, String id, Entry.Status status, double confidence) {
    Entry e = Entry.builder(Entry.Kind.QA).status(status).title(id).question(id).focus(focus)
        .reply(status == Entry.Status.PENDING ? null : "an answer")
        .source(new Source("test", "test", null, id)).build();
    return new SearchHit(e, (float) confidence * 10, confidence);
  }

  @Test
  void aPendingHitAboveVouchesForTheAnswerAboutItsTopicOnly() {
    // ADAM's "Warts - treatment" (question only) wins; MedlinePlus's "Warts" overview is the answer
    List<SearchHit> same = List.of(about("Warts", "adam-treatment", Entry.Status.PENDING, 0.9),
        about("Wart", "mplus-overview", Entry.Status.PUBLISHED, 0.5));
    assertEquals(Optional.of("mplus-overview"), shown(same, 0.65));
    List<SearchHit> other = List.of(about("Warts", "adam-treatment", Entry.Status.PENDING, 0.9),
        about("Foot Drop", "foot-drop", Entry.Status.PUBLISHED, 0.5));
    assertEquals(Optional.empty(), shown(other, 0.65));
  }

  @Test
  void anAnswerFarOffOnItsOwnBorrowsNothing() {
    // "why am I always cold": ADAM's "What causes Common cold?" 0.88, the overview itself 0.19
    List<SearchHit> weak = List.of(about("Common cold", "adam-causes", Entry.Status.PENDING, 0.88),
        about("Common Cold", "mplus-overview", Entry.Status.PUBLISHED, 0.19));
    assertEquals(Optional.empty(), shown(weak, 0.65));
    List<SearchHit> fair = List.of(about("Common cold", "adam-causes", Entry.Status.PENDING, 0.88),
        about("Common Cold", "mplus-overview", Entry.Status.PUBLISHED, 0.25));
    assertEquals(Optional.of("mplus-overview"), shown(fair, 0.65));
  }

  @Test
  void onlyTheBestAnswerableHitIsACandidate() {
    // a weaker answerable hit further down is not a fallback for one below the threshold
    List<SearchHit> hits = List.of(hit("weak", Entry.Status.PUBLISHED, 0.2),
        hit("strong-but-lower", Entry.Status.PUBLISHED, 0.35));
    assertEquals(Optional.empty(), shown(hits, 0.3));
    assertEquals(Optional.of("weak"), shown(hits, 0.2));
  }

  @Test
  void looksNoFurtherThanTheBotsSearchLimit() {
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < AnswerChoice.SEARCH_LIMIT; i++) {
      hits.add(hit("pending" + i, Entry.Status.PENDING, 0.9));
    }
    hits.add(hit("beyond", Entry.Status.PUBLISHED, 0.9));
    assertEquals(Optional.empty(), shown(hits, 0.3));
    assertTrue(shown(hits.subList(1, hits.size()), 0.3).isPresent());
  }

  @Test
  void noHitsNoAnswer() {
    assertEquals(Optional.empty(), shown(List.of(), 0.0));
  }
}

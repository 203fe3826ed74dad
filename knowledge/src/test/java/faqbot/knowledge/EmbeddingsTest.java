package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dense half of search: the model, what is embedded, and the cache that spares re-embedding. */
class EmbeddingsTest {
  @TempDir Path home;

  @Test
  void unitVectorsThatPutParaphrasesCloserThanOtherTopics() {
    Embeddings e = Embeddings.get();
    float[] q = e.embed("how do you get rid of pink eye");
    float[] right = e.embed("What are the treatments for conjunctivitis?");
    float[] other = e.embed("What are the symptoms of kidney stones?");
    assertEquals(Embeddings.DIMENSION, q.length);
    assertEquals(1.0, Embeddings.dot(q, q), 1e-4);
    assertTrue(Embeddings.dot(q, right) > Embeddings.dot(q, other) + 0.1,
        Embeddings.dot(q, right) + " vs " + Embeddings.dot(q, other));
  }

  @Test
  void aMessageEmbeddedAgainGetsTheSameVectorInACopyOfItsOwn() {
    Embeddings e = Embeddings.get();
    String message = "my knee hurts after running, what helps?";
    float[] first = e.embed(message);
    float[] again = e.embed(message);
    assertArrayEquals(first, again);
    first[0] = 42;
    assertNotEquals(42f, e.embed(message)[0]);
  }

  @Test
  void theTokenizerLibraryIsToldNotToCallHome() {
    Embeddings.get().embed("warm up the model");
    assertEquals("true", System.getProperty(Embeddings.DJL_TRACKING));
  }

  @Test
  void bulkEmbeddingAgreesWithOneByOne() {
    Embeddings e = Embeddings.get();
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 70; i++) {
      texts.add("question number " + i + (i % 3 == 0 ? " about a much longer topic name than the rest" : ""));
    }
    List<float[]> all = e.embedAll(texts);
    assertEquals(texts.size(), all.size());
    for (int i : new int[] {0, 1, 35, 69}) {
      // the quantized model scales activations per batch, so batch-mates move a vector slightly
      double cos = Embeddings.dot(e.embed(texts.get(i)), all.get(i));
      assertTrue(cos > 0.98, texts.get(i) + ": " + cos);
    }
  }

  @Test
  void aMessageIsEmbeddedAsItsFirstLineAndTheSentencesThatAsk() {
    String text = Embeddings.queryText("Knee pain\nI am 54 and I run every day. It hurts after 5 km."
        + " What can I take for it? My wife thinks it is arthritis.");
    assertEquals("Knee pain What can I take for it?", text);
    // nothing asks: the story is all there is
    assertEquals("Knee pain I run every day.", Embeddings.queryText("Knee pain\nI run every day."));
    assertEquals(Embeddings.MAX_WORDS, Embeddings.queryText("why " + "word ".repeat(500)).split(" ").length);
  }

  @Test
  void anEntryIsEmbeddedWithItsTopicWhenItsQuestionDoesNotNameIt() {
    Entry named = qa("a", "What is glaucoma?", "x").toBuilder().focus("Glaucoma").build();
    Entry unnamed = qa("b", "What are the symptoms of this condition?", "x").toBuilder().focus("Glaucoma").build();
    assertEquals("What is glaucoma?", Embeddings.entryText(named));
    assertEquals("Glaucoma: What are the symptoms of this condition?", Embeddings.entryText(unnamed));
  }

  @Test
  void aPageIsAlsoEmbeddedAsPassagesOfItsContentALabelledQuestionIsNot() {
    Entry page = Entry.builder(Entry.Kind.QA).title("Bone cement leakage")
        .question("I had kyphoplasty in May. Since then my leg is numb. Could this be the cement?")
        .reply("An X-ray is needed.")
        .moreInfo("Causes of Bone Cement Leakage\nHigh injection pressure can push cement out."
            + " Osteoporotic bone is more porous.")
        .source(new Source("seed.txt", "seed", null, "page")).build();
    List<String> passages = Embeddings.passages(page);
    assertTrue(passages.contains("Bone cement leakage"), passages.toString());
    assertTrue(passages.contains("Bone cement leakage Could this be the cement?"), "the asker's question");
    assertTrue(passages.contains("Causes of Bone Cement Leakage: High injection pressure can push cement out."
        + " Osteoporotic bone is more porous."), "a passage keeps its heading: " + passages);
    assertTrue(passages.contains("Bone cement leakage: An X-ray is needed."), passages.toString());
    Entry pair = qa("m", "What are the treatments for glaucoma?", "Drops.").toBuilder()
        .focus("Glaucoma").questionType("treatment").build();
    assertEquals(List.of(), Embeddings.passages(pair));
  }

  @Test
  void aPageIsFoundByWhatItsTextSaysNotOnlyByItsTitle() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(Entry.builder(Entry.Kind.ARTICLE).title("Rare complication after spine surgery")
          .body("How It Travels\nThe cement can follow small veins from the spine into the heart and lungs.")
          .source(new Source("a.txt", "seed", null, "article")).build(), "test");
      kb.add(qa("heart", "What are the treatments for heart failure?", "Medicines."), "test");
      kb.add(qa("lung", "What is lung cancer?", "A tumour."), "test");
      List<SearchHit> hits = kb.search("can bone cement travel through veins to the lungs?", 3);
      assertEquals("article", hits.get(0).entry().source().externalId());
    }
  }

  @Test
  void vectorsSurviveTheirEncodingAndKeysDependOnTheText() {
    float[] v = {0.5f, -0.25f, 1e-7f, Float.MIN_VALUE};
    assertArrayEquals(v, Embeddings.decode(Embeddings.encode(v)));
    assertEquals(Embeddings.key("a"), Embeddings.key("a"));
    assertNotEquals(Embeddings.key("a"), Embeddings.key("a "));
  }

  @Test
  void reindexAndReopeningReuseStoredVectors() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(qa("knee", "How long does knee pain after running last?", "Weeks."), "test");
      kb.add(qa("gout", "What is gout?", "A form of arthritis."), "test");
    }
    long before = Embeddings.embedded();
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.reindex();
      assertEquals("gout", kb.search("what is gout", 1).get(0).entry().source().externalId());
    }
    // one embedding per search (the message), none for the entries
    assertEquals(before + 1, Embeddings.embedded());
    java.nio.file.Files.walk(home.resolve("index")).sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      assertEquals("knee", kb.search("knee pain running", 1).get(0).entry().source().externalId());
    }
    assertEquals(before + 2, Embeddings.embedded());
  }

  @Test
  void denseMatchingFindsAnEntrySharingAlmostNoWordsWithTheMessage() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(qa("pinkeye", "What are the treatments for conjunctivitis?", "Drops."), "test");
      kb.add(qa("stones", "What are the treatments for kidney stones?", "Water."), "test");
      kb.add(qa("gout", "What are the treatments for gout?", "Rest."), "test");
      // only "treatments" is shared, with all three: the meaning decides
      List<SearchHit> hits = kb.search("treatments for pink eye", 3);
      assertEquals("pinkeye", hits.get(0).entry().source().externalId());
    }
  }
}

package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answer is chosen for what the message asks, among the entries the bot can show. */
class SiblingTest {
  @TempDir Path home;

  private static Entry medquad(String id, String question, String reply, String focus, String type,
      List<String> synonyms) {
    return qa(id, question, reply).toBuilder().focus(focus).questionType(type).synonyms(synonyms).build();
  }

  private static Optional<String> shown(KnowledgeBase kb, String text) {
    return AnswerChoice.choose(kb.search(text, AnswerChoice.SEARCH_LIMIT), 0)
        .map(h -> h.entry().source().externalId());
  }

  @Test
  void anAnswerToAnotherQuestionGivesWayToItsSiblingThatAnswersTheOneAsked() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("rls-info", "What is restless legs syndrome? Restless legs feel creepy and crawly at night",
          "A nerve disorder.", "Restless legs syndrome", "information", List.of()), "t");
      kb.add(medquad("rls-treat", "What are the treatments for this condition?", "Iron, exercise, medicines.",
          "Restless legs syndrome", "treatment", List.of()), "t");
      kb.add(medquad("gout-treat", "What are the treatments for gout?", "Rest.", "Gout", "treatment", List.of()), "t");
      // the message names no topic (a named one would get the treatment entry its own bonus)
      String message = "my legs feel creepy and crawly every night, how is it treated?";
      assertEquals(Optional.of("rls-treat"), shown(kb, message));
      // without the sibling rule the words of the "what is" entry win
      List<SearchHit> plain = kb.search(message, 6, SearchTuning.DEFAULT.withSiblings(false));
      assertEquals("rls-info", plain.get(0).entry().source().externalId());
    }
  }

  @Test
  void withNoEntryOfTheKindAskedTheOverviewBeatsAnAnswerToAnUnrelatedQuestion() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("pn-info", "What is pneumonia?", "A lung infection; most recover, it can be serious.",
          "Pneumonia", "information", List.of()), "t");
      kb.add(medquad("pn-risk", "Who is at risk for pneumonia? can you die from pneumonia if you are old",
          "Older adults, smokers.", "Pneumonia", "susceptibility", List.of()), "t");
      String message = "can you actually die from pneumonia when you're old?";
      // the risk entry's words match best; the overview tells how it goes
      assertEquals("pn-risk", kb.search(message, 6, SearchTuning.DEFAULT.withSiblings(false)).get(0)
          .entry().source().externalId());
      assertEquals(Optional.of("pn-info"), shown(kb, message));
      // an entry of the kind asked, when there is one, still comes first
      kb.add(medquad("pn-outlook", "What is the outlook for this condition?", "Most recover in weeks.",
          "Pneumonia", "outlook", List.of()), "t");
      assertEquals(Optional.of("pn-outlook"), shown(kb, message));
    }
  }

  @Test
  void askedHowItIsCaughtTheOverviewBeatsAnAnswerThatOnlyItsKinAnswersInPart() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("tb-info", "What is tuberculosis?", "TB spreads through the air when a person with TB coughs.",
          "Tuberculosis", "information", List.of()), "t");
      kb.add(medquad("tb-prevention", "How to prevent tuberculosis? how do you catch tb in health care settings",
          "Infection control in health care settings.", "Tuberculosis", "prevention", List.of()), "t");
      String message = "how do you catch tb in the first place";
      assertEquals("tb-prevention", kb.search(message, 6, SearchTuning.DEFAULT.withSiblings(false)).get(0)
          .entry().source().externalId());
      // "how do you catch" asks for causes; prevention answers part of susceptibility (causes' kin)
      // but nothing of how it is caught
      assertEquals(Optional.of("tb-info"), shown(kb, message));
    }
  }

  @Test
  void theTopicNamedAsTheHitIsNamedComesBeforeOneThatListsTheNameAsASynonym() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      // added first: the lower id, which used to decide among the topics carrying the name
      kb.add(medquad("mplus-pregnancy", "What is diabetes and pregnancy?", "Diabetes in pregnancy.",
          "Diabetes and Pregnancy", "information", List.of("Gestational diabetes")), "t");
      kb.add(medquad("niddk-gd", "What is this?", "Gestational diabetes is diabetes found in pregnancy.",
          "What I need to know about Gestational Diabetes", "information", List.of()), "t");
      kb.add(medquad("adam-gd", "What is gestational diabetes? found in my pregnancy", null,
          "Gestational diabetes", "information", List.of()), "t");
      List<SearchHit> hits = kb.search("what is gestational diabetes, they found it in my pregnancy", 6);
      assertEquals("adam-gd", hits.get(0).entry().source().externalId(), "the pending match still leads");
      assertEquals("niddk-gd", hits.get(1).entry().source().externalId());
    }
  }

  @Test
  void aQuestionOnlyHitIsFollowedByThePublishedAnswerToTheSameQuestion() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("adam-treat", "What are the treatments for Hemorrhoids ? bleeding piles at home",
          null, "Hemorrhoids", "treatment", List.of("piles")), "t");
      kb.add(medquad("niddk-treat", "How do doctors treat this?", "Fiber, water, creams.",
          "Hemorrhoids", "treatment", List.of()), "t");
      kb.add(medquad("niddk-info", "What are hemorrhoids and bleeding piles?", "Swollen veins.",
          "Hemorrhoids", "information", List.of()), "t");
      List<SearchHit> hits = kb.search("bleeding piles, what can i do at home to treat them?", 6);
      assertEquals("adam-treat", hits.get(0).entry().source().externalId(), "the pending match still leads");
      assertEquals("niddk-treat", hits.get(1).entry().source().externalId());
      assertEquals(Optional.of("niddk-treat"), shown(kb, "bleeding piles, what can i do at home to treat them?"));
    }
  }

  @Test
  void anotherSourceNamingTheTopicByASynonymCountsAsASibling() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("mplus", "What is (are) Pinworms ? tiny white worms itchy bottom at night",
          "Small worms.", "Pinworms", "information", List.of("Enterobiasis")), "t");
      kb.add(medquad("cdc", "What are the treatments for Parasites - Enterobiasis ?", "Mebendazole.",
          "Enterobiasis", "treatment", List.of()), "t");
      String message = "tiny white worms and an itchy bottom at night, what is the treatment?";
      assertEquals(Optional.of("cdc"), shown(kb, message));
      assertEquals("mplus", kb.search(message, 6, SearchTuning.DEFAULT.withSiblings(false)).get(0)
          .entry().source().externalId());
    }
  }

  @Test
  void anotherSourceNamingTheTopicWithAGenericLastWordCountsAsASibling() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("mplus", "What is (are) Restless Legs ? creepy crawly feeling in the legs at night",
          "A nerve problem.", "Restless Legs", "information", List.of()), "t");
      kb.add(medquad("ninds", "What are the treatments for Restless Legs Syndrome ?", "Iron, exercise.",
          "Restless Legs Syndrome", "treatment", List.of()), "t");
      String message = "creepy crawly feeling in my legs at night, is there anything that helps?";
      assertEquals(Optional.of("ninds"), shown(kb, message));
      assertEquals("mplus", kb.search(message, 6, SearchTuning.DEFAULT.withSiblings(false)).get(0)
          .entry().source().externalId());
    }
  }

  @Test
  void aTopicThatListsTheHitsNameAsASynonymCountsAsASiblingForTheKindAsked() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("mplus", "What is (are) Eczema ? itchy dry skin patches in babies and adults",
          "An itchy skin condition.", "Eczema", "information", List.of("Dermatitis")), "t");
      // no name in common with "Eczema": linked only by the question-only entry's synonym
      kb.add(medquad("adam", "What is Atopic dermatitis ?", null, "Atopic dermatitis", "information",
          List.of("Infantile eczema", "Eczema")), "t");
      kb.add(medquad("ghr", "Is atopic dermatitis inherited ?", "It tends to run in families.",
          "atopic dermatitis", "inheritance", List.of("atopic eczema")), "t");
      String message = "we both had eczema with itchy dry skin as kids, does it run in families?";
      assertEquals(Optional.of("ghr"), shown(kb, message));
      // asked nothing the overview does not answer, the overview stays
      assertEquals(Optional.of("mplus"), shown(kb, "what is eczema, the itchy dry skin patches?"));
    }
  }

  @Test
  void aTopicNamedOnlyThroughAnotherSynonymIsNoOverviewOfLastResort() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("adam-socket", "What are the complications of Dry socket ? pain after a tooth is pulled",
          null, "Dry socket", "complications", List.of("Alveolitis")), "t");
      kb.add(medquad("adam-lung", "What is Interstitial lung disease ?", null, "Interstitial lung disease",
          "information", List.of("Alveolitis")), "t");
      kb.add(medquad("mplus-lung", "What is (are) Interstitial Lung Diseases ?", "Scarring of the lungs.",
          "Interstitial lung disease", "information", List.of()), "t");
      // "alveolitis" names both: the lung disease's overview is no answer about a tooth socket
      assertEquals(Optional.empty(), shown(kb, "pain after a tooth is pulled, is this dry socket?"));
    }
  }

  @Test
  void aPageWithoutATopicOfItsOwnAnswersForTheQuestionOnlyTopicItsLeadNames() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("adam-kypho", "Do you have information about Kyphoplasty", null, "Kyphoplasty",
          "information", List.of()), "t");
      for (String type : List.of("information", "causes", "outlook", "treatment", "symptoms",
          "exams and tests")) {
        kb.add(medquad("adam-leg-" + type, "Leg pain " + type + ": why does my leg hurt", null,
            "Leg pain", type, List.of()), "t");
      }
      for (String other : List.of("Leg cramps", "Shin splints", "Sciatica", "Leg swelling")) {
        kb.add(medquad("adam-" + other, other + ": my leg hurts after walking, why does it hurt", null,
            other, "causes", List.of()), "t");
      }
      kb.add(medquad("adam-gout", "What is gout?", null, "Gout", "information", List.of()), "t");
      kb.add(qa("page", "Numbness since my balloon kyphoplasty for a fractured vertebra: is it the cement?",
          "Leakage happens in about one case in ten and is often silent; be examined in clinic.")
          .toBuilder().title("Bone cement leakage").build(), "t");
      String message = "why does my leg hurt after kyphoplasty";
      // ranked as its words and meaning go, the page is below six question-only hits
      List<SearchHit> plain = kb.search(message, 10, SearchTuning.DEFAULT.withSiblings(false));
      assertEquals(List.of(false, false, false, false, false, false), plain.subList(0, 6).stream()
          .map(h -> h.entry().isAnswerable()).toList());
      // the page names the question-only hit's topic: it follows that hit and is what is shown
      List<SearchHit> hits = kb.search(message, AnswerChoice.SEARCH_LIMIT);
      assertEquals("adam-kypho", hits.get(0).entry().source().externalId());
      assertEquals("page", hits.get(1).entry().source().externalId());
      assertEquals(Optional.of("page"), AnswerChoice.choose(hits, 0.5)
          .map(h -> h.entry().source().externalId()));
      // a topic it names is no reason to follow a hit about another one
      assertEquals(Optional.empty(), shown(kb, "what is gout"));
    }
  }
}

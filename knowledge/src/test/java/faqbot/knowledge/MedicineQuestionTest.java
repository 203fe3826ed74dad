package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A question about taking a named medicine is not answered with an entry about another topic: the
 * knowledge base holds the medicines' pages as questions only.
 */
class MedicineQuestionTest {
  @TempDir Path home;

  private static Entry medquad(String id, String question, String reply, String focus, String type) {
    return qa(id, question, reply).toBuilder().focus(focus).questionType(type).build();
  }

  private static Optional<String> shown(KnowledgeBase kb, String text) {
    return AnswerChoice.choose(kb.search(text, AnswerChoice.SEARCH_LIMIT), 0.01)
        .map(h -> h.entry().source().externalId());
  }

  @Test
  void takingANamedMedicineWithAConditionIsNotAnsweredWithTheCondition() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(medquad("ibu-usage", "How should Ibuprofen be used and what is the dosage ?", null, "Ibuprofen", "usage"), "t");
      kb.add(medquad("ibu-prec", "What special precautions should I follow for Ibuprofen ?", null, "Ibuprofen",
          "precautions"), "t");
      kb.add(medquad("hbp-treat", "What are the treatments for High Blood Pressure ?", "Diet, exercise, medicines.",
          "High Blood Pressure", "treatment"), "t");
      kb.add(medquad("hbp-tests", "How to diagnose High Blood Pressure ?", "A cuff reading.",
          "High Blood Pressure", "exams and tests"), "t");
      assertEquals(Optional.empty(), shown(kb, "is it safe to take ibuprofen with high blood pressure?"));
      // the condition's own questions are still answered, also by someone who takes the medicine
      assertEquals(Optional.of("hbp-treat"), shown(kb, "how is high blood pressure treated?"));
      assertEquals(Optional.of("hbp-tests"), shown(kb, "i take ibuprofen. how do they diagnose high blood pressure?"));
    }
  }

  @Test
  void takingAMedicineIsAskedInTheseWords() {
    assertTrue(QuestionTypes.asksAboutAMedicine(QuestionTypes.asked("can i take aspirin if i have asthma?")));
    assertTrue(QuestionTypes.asksAboutAMedicine(QuestionTypes.asked("is it safe to take ibuprofen with it?")));
    assertTrue(QuestionTypes.asksAboutAMedicine(QuestionTypes.asked("can i drink alcohol with it?")));
    // a pregnancy or a rash is no question about a medicine
    assertTrue(!QuestionTypes.asksAboutAMedicine(QuestionTypes.asked("i am pregnant, is the treatment different?")));
    assertTrue(!QuestionTypes.asksAboutAMedicine(QuestionTypes.asked("itchy rash on my arm, what is it?")));
  }
}

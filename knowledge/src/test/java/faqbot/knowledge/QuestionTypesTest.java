package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionTypesTest {
  @Test
  void recognizesTheCommonKindsOfQuestion() {
    assertTrue(QuestionTypes.detect("how do you get rid of piles").contains("treatment"));
    assertTrue(QuestionTypes.detect("Is dementia passed down in families?").contains("inheritance"));
    assertTrue(QuestionTypes.detect("what are the signs of lupus").contains("symptoms"));
    assertTrue(QuestionTypes.detect("can I take ibuprofen together with warfarin")
        .contains("interactions with medications"));
    assertTrue(QuestionTypes.detect("how do I dispose of expired pills").contains("storage and disposal"));
    assertTrue(QuestionTypes.detect("what causes kidney stones").contains("causes"));
  }

  @Test
  void layWordingAndOrderOfMention() {
    assertTrue(QuestionTypes.detect("is there anything that helps restless legs?").contains("treatment"));
    assertTrue(QuestionTypes.detect("how do people even get that?").contains("causes"));
    // "what are the signs" asks for symptoms, "what is it" for information
    assertEquals(Set.of("symptoms"), QuestionTypes.detect("what are the warning signs"));
    assertTrue(QuestionTypes.detect("what is it? is it catching").contains("information"));
    assertEquals(List.of("causes", "inheritance"),
        List.copyOf(QuestionTypes.detect("what causes it, and is it passed down?")));
  }

  @Test
  void plainStatementsHaveNoType() {
    assertEquals(Set.of(), QuestionTypes.detect("glaucoma"));
    assertEquals(Set.of(), QuestionTypes.detect(""));
    assertEquals(Set.of(), QuestionTypes.detect(null));
  }
}

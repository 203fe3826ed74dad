package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests to the service are told from health questions that mention the same things. */
class AdminRequestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"how much does a knee MRI cost if I pay myself",
      "What is the price of a private cataract operation?",
      "can I get a copy of my x-rays on a USB stick", "how do I transfer my medical records",
      "is there a long waiting list for hip replacements at St Mary's",
      "does dr smith accept medicare", "is the clinic taking new patients",
      "please reschedule my appointment to Friday", "what are the opening hours on bank holidays",
      "will my health insurance pay for physio after the operation", "is a hearing aid covered by my insurance",
      "how do I update my address with the surgery",
      "can my dad claim disability benefits for his copd", "how do I claim carers allowance"})
  void asksForAService(String text) {
    assertTrue(AdminRequests.asks(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"I have an appointment next week for a colonoscopy, how should I prepare",
      "my medical records say I have stage 2 hypertension, what does that mean",
      "how much does alcohol raise blood pressure", "what do my MRI results mean",
      "how long should I wait between doses of ibuprofen", "what are the treatments for gout",
      "does medicare cover the shingles vaccine", "can I change my diet to lower my cholesterol",
      "will the insulin pump change my life",
      "some websites claim turmeric cures arthritis, is that true"})
  void healthQuestionsAreNot(String text) {
    assertFalse(AdminRequests.asks(text));
  }
}

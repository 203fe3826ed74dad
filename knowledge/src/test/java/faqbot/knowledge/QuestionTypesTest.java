package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionTypesTest {
  @Test
  void anAskedTypeBringsItsKinAfterIt() {
    assertEquals(java.util.List.of("causes", "treatment", "susceptibility"),
        QuestionTypes.withKin(java.util.List.of("causes", "treatment")));
    assertEquals(java.util.List.of("genetic changes", "inheritance"),
        QuestionTypes.withKin(java.util.List.of("genetic changes", "inheritance")));
    assertEquals(java.util.List.of(), QuestionTypes.withKin(java.util.List.of()));
    // how to take the tablets for a condition: its treatment entry when it has no usage entry
    assertEquals(java.util.List.of("usage", "treatment"), QuestionTypes.withKin(java.util.List.of("usage")));
  }

  @Test
  void recognizesTheCommonKindsOfQuestion() {
    assertTrue(QuestionTypes.detect("how do you get rid of piles").contains("treatment"));
    assertTrue(QuestionTypes.detect("Is dementia passed down in families?").contains("inheritance"));
    assertTrue(QuestionTypes.detect("what are the signs of lupus").contains("symptoms"));
    assertTrue(QuestionTypes.detect("can I take ibuprofen together with warfarin")
        .contains("interactions with medications"));
    assertTrue(QuestionTypes.detect("how do I dispose of expired pills").contains("storage and disposal"));
    assertTrue(QuestionTypes.detect("what causes kidney stones").contains("causes"));
    assertTrue(QuestionTypes.detect("which sun cream protects against skin cancer").contains("prevention"));
    assertTrue(QuestionTypes.detect("does sun protection matter for children").contains("prevention"));
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
  void chancesOfGettingItAsksAboutRiskNotOutlook() {
    // how not to get it: prevention first, then the risk itself; nothing about how it will go
    assertEquals(List.of("prevention", "susceptibility"),
        List.copyOf(QuestionTypes.asked("is there anything i can do to lower my chances of getting it?")));
    assertEquals(List.of("susceptibility"), List.copyOf(QuestionTypes.asked("what are my chances of getting it?")));
    // a patient's chances with the condition are still its outlook
    assertEquals(List.of("outlook"), List.copyOf(QuestionTypes.asked("realistically what are his chances?")));
  }

  @Test
  void aDiagnosisToldIsNotAQuestionAboutTests() {
    assertFalse(QuestionTypes.asked("my newborn has been diagnosed with a hole in her heart, what happens next")
        .contains("exams and tests"));
    assertTrue(QuestionTypes.asked("how is gout diagnosed?").contains("exams and tests"));
    assertTrue(QuestionTypes.asked("how do you get diagnosed with adhd?").contains("exams and tests"));
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked(
        "my newborn has been diagnosed with a hole in her heart, what happens next")));
    // a result told is not a question about the test either; what a test shows still is
    assertFalse(QuestionTypes.asked("blood test showed low platelets").contains("exams and tests"));
    assertFalse(QuestionTypes.asked("my liver function tests came back abnormal").contains("exams and tests"));
    assertTrue(QuestionTypes.asked("what blood test shows an underactive thyroid").contains("exams and tests"));
    assertTrue(QuestionTypes.asked("the scan showed a cyst, what tests will they do next?").contains("exams and tests"));
    // a condition's diet is told with its treatment
    assertTrue(QuestionTypes.asked("gout diet?").contains("treatment"));
    // whether what they notice is how it begins asks for its symptoms
    assertEquals(List.of("symptoms"), List.copyOf(QuestionTypes.asked(
        "I keep forgetting whether I have taken my tablets, I'm 84. is this the start of dementia")));
  }

  @Test
  void theSentencesThatAskAreToldFromTheStory() {
    assertEquals("what are the signs of heart failure?\n", QuestionTypes.askingPart(
        "I'm 67 and had a heart attack 4 years ago. What are the signs of heart failure?"));
    // nothing to tell apart when every sentence asks, or none does
    assertEquals("", QuestionTypes.askingPart("what is gout? how is it treated?"));
    assertEquals("", QuestionTypes.askingPart("gout diet"));
  }

  @Test
  void howLongAnIllnessLastsIsToldWithItsSymptoms() {
    // MedQuAD says how long a stomach bug lasts in its symptoms entry, not in its complications
    assertEquals(List.of("symptoms", "outlook"),
        List.copyOf(QuestionTypes.asked("stomach bug, how long does it last")));
    assertEquals("symptoms", QuestionTypes.asked("how long do hot flushes usually last?").iterator().next());
    // how long people live with it is still its outlook
    assertFalse(QuestionTypes.asked("how long do people usually live with it?").contains("symptoms"));
    assertFalse(QuestionTypes.asked("how long does it take to recover?").contains("symptoms"));
    assertEquals(List.of("outlook"), List.copyOf(QuestionTypes.asked("my husband has parkinsons, will it shorten his life")));
  }

  @Test
  void foodAsTheWayAnInfectionSpreadsIsNotAQuestionAboutDiet() {
    for (String t : List.of("can hepatitis a be passed on through food", "symptoms of botulism from home canned food",
        "hepatitis a from contaminated food")) {
      Set<String> asked = QuestionTypes.detect(t);
      assertFalse(asked.contains("considerations") || asked.contains("dietary"), t + " " + asked);
    }
    assertTrue(QuestionTypes.detect("my dad has sugar, what foods should he avoid").contains("considerations"));
    assertTrue(QuestionTypes.detect("is there a food i should not eat with it").contains("dietary"));
  }

  @Test
  void theMeansOfTreatmentNamedAloneAskAboutTreatment() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("glaucoma eye drops")));
    assertTrue(QuestionTypes.asked("inhalers for asthma, preventer vs reliever").contains("treatment"));
  }

  @Test
  void whatAStageMeansAsksAboutStagesNotTheOverview() {
    assertEquals(List.of("stages"), List.copyOf(QuestionTypes.asked("what do the stages mean? dad is stage 3")));
    assertEquals(List.of("stages", "outlook"),
        List.copyOf(QuestionTypes.asked("they said low grade. what does low grade mean for her future?")));
    // what a condition means is still asking what it is
    assertEquals(List.of("information"), List.copyOf(QuestionTypes.asked("what does cement embolism mean?")));
  }

  @Test
  void aCueInsideAnotherTypesWordingCountsAsThatOne() {
    // "testing" of relatives asks whether it runs in the family
    assertEquals(List.of("inheritance"),
        List.copyOf(QuestionTypes.asked("do the rest of us need testing? does it run in families?")));
    assertEquals(List.of("exams and tests"), List.copyOf(QuestionTypes.asked("how do they do the testing?")));
    // cues that start together both count
    assertEquals(List.of("outlook", "usage"),
        List.copyOf(QuestionTypes.asked("how long do people usually live with it?")));
  }

  @Test
  void needingMedicationAsksAboutTreatment() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("epilepsy in teens - will he always need medication")));
    assertTrue(QuestionTypes.asked("can she ever come off her meds?").contains("treatment"));
  }

  /** One patient-style message per type: every cue is exercised. */
  private static final Map<String, String> EXAMPLE_OF_TYPE = Map.ofEntries(
      Map.entry("treatment", "how do you get rid of piles"),
      Map.entry("symptoms", "what are the signs of lupus"),
      Map.entry("causes", "what causes kidney stones"),
      Map.entry("inheritance", "is dementia passed down in families"),
      Map.entry("genetic changes", "which gene mutation is behind cystic fibrosis"),
      Map.entry("exams and tests", "how do they diagnose celiac disease"),
      Map.entry("outlook", "what is the life expectancy with heart failure"),
      Map.entry("stages", "what does stage 3 melanoma mean"),
      Map.entry("prevention", "how can i prevent another kidney stone"),
      Map.entry("susceptibility", "who is at risk of osteoporosis"),
      Map.entry("frequency", "how common is psoriasis"),
      Map.entry("complications", "what are the complications of diabetes"),
      Map.entry("information", "what is sarcoidosis"),
      Map.entry("research", "are there clinical trials for als"),
      Map.entry("side effects", "does metformin have side effects"),
      Map.entry("usage", "how much should i take of vitamin d"),
      Map.entry("interactions with medications", "can i take ibuprofen together with warfarin"),
      Map.entry("interactions with foods", "can i have grapefruit with statins"),
      Map.entry("dietary", "is there a special diet for gout"),
      Map.entry("considerations", "what should i eat with kidney disease"),
      Map.entry("storage and disposal", "how do i dispose of expired pills"),
      Map.entry("emergency or overdose", "what happens if i take a double dose of insulin"),
      Map.entry("forget a dose", "what if i forgot my evening pill"),
      Map.entry("indication", "what is amlodipine used for"),
      Map.entry("precautions", "is it safe in pregnancy"),
      Map.entry("brand names", "what is the brand name of sertraline"),
      Map.entry("when to contact a medical professional", "when should i see a doctor about a cough"),
      Map.entry("support groups", "are there support groups for parkinson's"));

  @Test
  void everyTypeHasAnExampleThatIsReadAsThatType() {
    assertEquals(Set.copyOf(QuestionTypes.types()), EXAMPLE_OF_TYPE.keySet(),
        "each type needs an example here");
    for (Map.Entry<String, String> e : EXAMPLE_OF_TYPE.entrySet()) {
      assertTrue(QuestionTypes.detect(e.getValue()).contains(e.getKey()),
          e.getValue() + " -> " + QuestionTypes.detect(e.getValue()) + ", expected " + e.getKey());
    }
  }

  @Test
  void plainStatementsHaveNoType() {
    assertEquals(Set.of(), QuestionTypes.detect("glaucoma"));
    assertEquals(Set.of(), QuestionTypes.detect(""));
    assertEquals(Set.of(), QuestionTypes.detect(null));
  }

  @Test
  void whatTheQuestionAsksWinsOverWhatTheStoryMentions() {
    String story = "found out i have hep c from a routine blood test. i've never used drugs. how could i have caught it?";
    assertEquals(Set.of("causes"), QuestionTypes.asked(story));
    // every cue still counts, the asked ones first
    assertEquals(List.of("causes", "exams and tests"), List.copyOf(QuestionTypes.detect(story)));
    // a question that cues nothing leaves the story's cues
    assertEquals(Set.of("exams and tests"),
        QuestionTypes.asked("they want me to have a blood test. should i?"));
    // a finding told, then "what now": what is done about it
    assertEquals(Set.of("treatment"), QuestionTypes.asked("scan showed a fatty liver. what now?"));
    // a subject line says what the message is about
    assertTrue(QuestionTypes.asked("simvastatin dose\nI take it at night. Is that ok?").contains("usage"));
  }

  @Test
  void layWordingsForInheritanceSymptomsTestsAndTreatment() {
    assertEquals("inheritance", QuestionTypes.detect("Should my kids be tested? How do they test for it?")
        .iterator().next());
    assertEquals("inheritance", QuestionTypes.detect("do the rest of us need testing?").iterator().next());
    assertTrue(QuestionTypes.detect("should we worry about it before trying for a baby?").contains("inheritance"));
    assertTrue(QuestionTypes.detect("always tired and pale. could i be low in iron?").contains("symptoms"));
    assertTrue(QuestionTypes.detect("How do doctors work out if it's that?").contains("exams and tests"));
    assertTrue(QuestionTypes.detect("how can i keep my blood pressure down?").contains("treatment"));
    // not every "could" asks about symptoms, nor every test about inheritance
    assertTrue(!QuestionTypes.detect("could you tell me more").contains("symptoms"));
    assertTrue(!QuestionTypes.detect("my doctor wants me tested").contains("inheritance"));
  }

  @Test
  void layWordingsForTreatmentOutlookSymptomsAndComplications() {
    assertEquals(Set.of("treatment"), QuestionTypes.asked("my knee is swollen. what can i take for it?"));
    assertEquals(Set.of("treatment"), QuestionTypes.asked("how do you bring it down?"));
    assertEquals(Set.of("treatment"), QuestionTypes.asked("is there anything that actually clears them?"));
    assertEquals(Set.of("outlook"), QuestionTypes.asked("will she grow out of it?"));
    assertEquals(Set.of("symptoms"), QuestionTypes.asked("how do i know if it's depression?"));
    assertTrue(QuestionTypes.asked("can it turn into cancer or cause other problems?").contains("complications"));
    // "cause" alone still asks for causes, "how do i know" alone for nothing in particular
    assertEquals(Set.of("causes"), QuestionTypes.asked("what can cause headaches like these?"));
    assertTrue(!QuestionTypes.detect("how do i know where to go").contains("symptoms"));
  }

  @Test
  void whatHappensWhenItIsLeftUntreatedAsksAboutComplicationsNotTreatment() {
    assertEquals(List.of("complications"), List.copyOf(QuestionTypes.asked("what happens if it isn't treated?")));
    // the risks of an operation, not who is at risk of a condition
    assertTrue(QuestionTypes.asked("what are the risks of a knee replacement op?").contains("complications"));
    assertTrue(QuestionTypes.asked("what are the risks of having hip surgery at 80").contains("complications"));
    assertFalse(QuestionTypes.asked("am i at risk of a clot going to my lungs?").contains("complications"));
    assertEquals(List.of("complications"),
        List.copyOf(QuestionTypes.asked("if i don't get it fixed what can go wrong?")));
    // asking how it is treated is still treatment
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("how is it treated?")));
  }

  /**
   * Lay wording of each kind of question, with the near misses that must stay what they were:
   * what it may turn into, unasked to prevent, is a complication; "worse" without the course of
   * years is a complication; a condition's name and "what does it mean" asks what it is.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "how do i stop it turning into full diabetes? | prevention",
      "how can she stop having attacks at night? | prevention",
      "how do you stop a heart attack happening again | prevention",
      "ways to stop hearing loss getting worse | prevention",
      "can it turn into cancer? | complications",
      "is it curable? | outlook",
      "dad had a stroke last week, will he get better | outlook",
      "how fast does it progress? mum was diagnosed in may | outlook",
      "will it get worse over time? | outlook",
      "can it make my eyesight worse? | complications",
      "can you catch it from a towel? | susceptibility",
      "is it more common in smokers? | susceptibility",
      "my aunt has it. does that mean i'll get it? | susceptibility",
      "what are the odds my kids will get it? | inheritance",
      "what do they do for a bad flare? | treatment",
      "which cream is best? | treatment",
      "what sets it off? | causes",
      "is there another way to control it? | treatment",
      "how do you know if you have it? | symptoms;exams and tests",
      "how do children get them? | causes",
      "a tingly patch, no rash. can it start like this? | symptoms",
      "stage 2a - what does that mean? | stages",
      "are they researching new treatments? | research",
      "what does it mean if you have lupus? | information",
      "I leak urine when I cough, what can help | treatment"})
  void layWordingOfEachKind(String message, String types) {
    assertEquals(List.of(types.split(";")), List.copyOf(QuestionTypes.asked(message)), message);
  }

  @Test
  void aHigherRiskIsSusceptibility() {
    assertTrue(QuestionTypes.asked("do freckles mean a higher risk?").contains("susceptibility"));
  }

  @Test
  void theOverviewServesBetterOnlyThanAnAnswerToAnUnrelatedQuestion() {
    // asked whether it can kill, the risk factors answer another question; the overview tells
    assertTrue(QuestionTypes.overviewServesBetter(List.of("outlook"), "susceptibility"));
    assertTrue(QuestionTypes.overviewServesBetter(List.of("causes"), "outlook"));
    // the complications tell part of how it goes, the inheritance part of what causes it
    assertTrue(!QuestionTypes.overviewServesBetter(List.of("outlook"), "complications"));
    assertTrue(!QuestionTypes.overviewServesBetter(List.of("causes", "susceptibility"), "inheritance"));
    // what was asked, the overview itself, and kinds no overview covers (a dose, a diet) stay
    assertTrue(!QuestionTypes.overviewServesBetter(List.of("treatment"), "treatment"));
    assertTrue(!QuestionTypes.overviewServesBetter(List.of("outlook"), "information"));
    assertTrue(!QuestionTypes.overviewServesBetter(List.of("usage", "treatment"), "exams and tests"));
    assertTrue(!QuestionTypes.overviewServesBetter(List.of(), "causes"));
  }

  @Test
  void stoppingItGettingWorseIsPreventionNotAComplication() {
    assertEquals(List.of("prevention"), List.copyOf(QuestionTypes.asked("how do i stop my hearing getting worse?")));
  }

  @Test
  void theBestWayOrExerciseAsksAboutTreatmentAndFindingItAboutTests() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("what is the best exercise for bad knees?")));
    assertEquals(List.of("exams and tests"), List.copyOf(QuestionTypes.asked("how do they find them?")));
    // "what is" a condition still asks what it is
    assertEquals(List.of("information"), List.copyOf(QuestionTypes.asked("what is the thyroid?")));
  }

  @Test
  void clinicalShorthandAsksForTreatmentOrSymptoms() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("insomnia tx?")));
    assertEquals(List.of("symptoms"), List.copyOf(QuestionTypes.asked("copd sx?")));
  }

  @Test
  void exerciseToManageItAsksAboutTreatment() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("which exercises are good for a bad back")));
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("my hip is sore, which exercises wont make it worse")));
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("emphysema, are there exercises that help")));
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("multiple sclerosis exercises")));
    // whether it is safe to exercise with a condition: treatment first, the medicine kind after
    assertEquals(List.of("treatment", "precautions"),
        List.copyOf(QuestionTypes.asked("is it safe to work out with heart failure")));
    // how much exercise, or exercise told in a story, asks no kind
    assertEquals(Set.of(), QuestionTypes.asked("how much exercise does a teenager need"));
    assertFalse(QuestionTypes.asked("he exercises for hours every day and barely eats, is that anorexia")
        .contains("treatment"));
  }

  @Test
  void raisingALowLevelAsksAboutTreatmentNotCauses() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("my b12 is low, how can i get it back up")));
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("how do i boost my vitamin d levels")));
    // getting rid of it is treating it, not how it is caught
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("how do we get rid of threadworms")));
    // how it is caught still asks about causes
    assertEquals(List.of("causes"), List.copyOf(QuestionTypes.asked("how do you get threadworms")));
    // a raised risk is not a level to raise
    assertFalse(QuestionTypes.asked("does the pill raise my risk of a clot").contains("treatment"));
  }

  @Test
  void willItEverGoAsksAboutOutlook() {
    assertEquals(List.of("outlook"), List.copyOf(QuestionTypes.asked("my tinnitus started at a concert, will it ever go")));
    assertEquals(List.of("outlook"), List.copyOf(QuestionTypes.asked("will this eczema ever clear up")));
  }

  @Test
  void relativesChildrenAndTheNextBabyAskAboutInheritance() {
    assertEquals(List.of("inheritance"),
        List.copyOf(QuestionTypes.asked("my brother has sickle cell, could my sister's kids have it")));
    assertEquals(List.of("inheritance"),
        List.copyOf(QuestionTypes.asked("our daughter was born with cystic fibrosis, will our next baby have it")));
    assertEquals(List.of("inheritance"), List.copyOf(QuestionTypes.asked(
        "we have a son with fragile x, what are the odds it happens again")));
    assertEquals(List.of("inheritance"),
        List.copyOf(QuestionTypes.asked("is colour blindness passed through the mother?")));
    assertEquals(List.of("inheritance"), List.copyOf(QuestionTypes.asked("does it come from the father's side")));
    // a child's fit coming back is how it goes, not whether it is inherited
    assertFalse(QuestionTypes.asked("my son had a fit with a fever, will it happen again").contains("inheritance"));
  }

  @Test
  void aLifelongTreatmentAsksAboutTreatment() {
    assertEquals(List.of("treatment"), List.copyOf(QuestionTypes.asked("will i have to use my inhaler forever")));
    assertEquals(List.of("treatment"),
        List.copyOf(QuestionTypes.asked("does he need insulin for the rest of his life")));
    // whether the condition itself is for life asks how it goes, not about treatment
    assertFalse(QuestionTypes.asked("is asthma for life").contains("treatment"));
  }

  @Test
  void whatLingersAfterTheIllnessIsAComplication() {
    assertTrue(QuestionTypes.asked("the cold sores have gone but my lip is still numb and the pain is still there")
        .contains("complications"));
    assertEquals("complications",
        QuestionTypes.asked("dad still has burning pain after his shingles rash cleared").iterator().next());
    assertEquals("complications", QuestionTypes.asked("it still burns where the blisters were").iterator().next());
    // pain after an operation is not told as a complication of an illness
    assertFalse(QuestionTypes.asked("my dad had a knee replacement and still has pain a month later")
        .contains("complications"));
  }
}

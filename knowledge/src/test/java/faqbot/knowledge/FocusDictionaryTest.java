package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FocusDictionaryTest {
  private static FocusDictionary dictionary() {
    FocusDictionary d = new FocusDictionary();
    d.add("Diabetes", List.of("Diabetes mellitus"));
    d.add("Type 2 Diabetes", List.of("T2D", "adult-onset diabetes"));
    d.add("Hemorrhoids", List.of("Piles"));
    d.add("Vitamin A", List.of());
    return d;
  }

  private static List<String> found(FocusDictionary d, String text) {
    return d.find(text).stream().map(FocusDictionary.Mention::focusKey).toList();
  }

  @Test
  void aTopicLabelNamesItsConditionInOtherWordsToo() {
    assertEquals(List.of("enterobiasi", "pinworm infection"),
        FocusDictionary.aliases("Parasites - Enterobiasis (also known as Pinworm Infection)"));
    assertEquals(List.of("gum disease"), FocusDictionary.aliases("Gum (Periodontal) Disease"));
    assertEquals(List.of("head lice"), FocusDictionary.aliases("Parasites - Lice - Head Lice"));
    assertEquals(List.of(), FocusDictionary.aliases("Glaucoma"));
  }

  @Test
  void possessiveEponymsCountInThePossessiveOrPluralFormOnly() {
    assertEquals("~peyronie", FocusDictionary.eponym("Peyronie's disease"));
    assertEquals(null, FocusDictionary.eponym("heart disease"));
    assertEquals(FocusDictionary.key("Bell's palsy"), FocusDictionary.key("bells palsy"));
  }

  @Test
  void prefersTheLongestNameAndMapsSynonymsToTheirTopic() {
    FocusDictionary d = dictionary();
    assertEquals(List.of("type 2 diabete"), found(d, "My dad has TYPE 2 diabetes, what should he eat?"));
    assertEquals(List.of("type 2 diabete", "hemorrhoid"), found(d, "adult-onset diabetes and piles"));
    assertEquals(List.of("diabete"), found(d, "Is diabetes mellitus curable?"));
  }

  @Test
  void aMedicineNamedWithoutItsRouteIsItsTabletsFirst() {
    FocusDictionary d = new FocusDictionary();
    d.add("Metronidazole Injection", List.of());
    d.add("Metronidazole Oral", List.of());
    d.add("Metronidazole Topical", List.of());
    d.add("Albuterol", List.of());
    d.add("Albuterol Oral Inhalation", List.of());
    d.add("Insulin Lispro Injection", List.of());
    assertEquals(List.of("metronidazole oral"), found(d, "can I drink alcohol while taking metronidazole?"));
    // a route named is that route's page
    assertEquals(List.of("metronidazole topical"), found(d, "is metronidazole topical safe on my face"));
    // a medicine's own page beats another's without its route
    assertEquals(List.of("albuterol"), found(d, "how often can I use albuterol"));
    assertEquals(List.of("insulin lispro injection"), found(d, "when do I take insulin lispro"));
    // the form the message names picks the route
    d.add("Estradiol Topical", List.of());
    d.add("Estradiol Transdermal Patch", List.of());
    assertEquals(List.of("estradiol transdermal patch"), found(d, "estradiol 75g patch, can I stop using it"));
    assertEquals(List.of("estradiol topical"), found(d, "how much estradiol gel a day"));
    assertEquals(List.of("metronidazole topical"), found(d, "metronidazole cream for rosacea"));
  }

  @Test
  void keepsStopWordsInNamesSoVitaminAIsNotVitamin() {
    FocusDictionary d = dictionary();
    assertEquals(List.of("vitamin a"), found(d, "too much vitamin A?"));
    assertEquals(List.of(), found(d, "which vitamin helps?"));
  }

  @Test
  void oneSourcesSingularIsAnothersPluralOfTheSameTopic() {
    // MedlinePlus's "Foodborne Illness" and NIDDK's "Foodborne Illnesses" (the minimal stemmer
    // left "illnesse")
    assertTrue(FocusDictionary.sameTopic("Foodborne Illness", "Foodborne Illnesses"));
    assertTrue(FocusDictionary.sameTopic("Kidney Stone", "Kidney Stones"));
    assertFalse(FocusDictionary.sameTopic("Vitamin A", "Vitamin"));
    assertFalse(FocusDictionary.sameTopic("Illness", "Foodborne Illnesses"));
  }

  @Test
  void shortCapitalAbbreviationsAndFunctionWordsAreNotFindable() {
    assertFalse(FocusDictionary.findableName("THE"));
    assertFalse(FocusDictionary.findableName("ALL"));
    assertFalse(FocusDictionary.findableName("and"));
    assertTrue(FocusDictionary.findableName("T2D"));
    assertTrue(FocusDictionary.findableName("Piles"));
  }

  @Test
  void acronymsAreFoundInCapitalsOnly() {
    FocusDictionary d = new FocusDictionary();
    d.add("Tuberculosis", List.of("TB"));
    d.add("Acute lymphoblastic leukemia (ALL)", List.of());
    d.add("Multiple sclerosis", List.of("MS"));
    assertEquals(List.of("ALL", "TB"), FocusDictionary.acronyms("Acute lymphoblastic leukemia (ALL)", List.of("TB", "Tb", "T")));
    assertEquals(List.of("tuberculosi"), found(d, "coworker has TB. how do they test me?"));
    assertEquals(List.of("multiple sclerosi"), found(d, "just diagnosed with MS at 31. treatments??"));
    String all = FocusDictionary.key("Acute lymphoblastic leukemia (ALL)");
    assertEquals(List.of(all), found(d, "our daughter was diagnosed with ALL two weeks ago"));
    // the English word, in capitals for emphasis
    assertEquals(List.of(), found(d, "I tried ALL the creams"));
    assertEquals(List.of(), found(d, "with ALL my heart"));
    assertEquals(List.of(), found(d, "NOT ALL of them"));
    // a message in capitals has no telling case
    assertEquals(List.of(), found(d, "MY FRIEND HAS TB AND MS, IS IT CATCHING"));
  }

  @Test
  void namesAreFoundInAnotherWordOrderAndWithoutAGenericLastWord() {
    FocusDictionary d = new FocusDictionary();
    d.add("Dementia", List.of());
    d.add("Dementia With Lewy Bodies", List.of());
    d.add("Ehlers-Danlos syndrome", List.of());
    d.add("Heart disease", List.of());
    assertEquals(List.of(FocusDictionary.key("Dementia With Lewy Bodies")), found(d, "the neurologist said lewy body dementia"));
    assertEquals(List.of("dementia"), found(d, "is dementia inherited?"));
    assertEquals(List.of(FocusDictionary.key("Ehlers-Danlos syndrome")), found(d, "how do they test for Ehlers Danlos?"));
    assertEquals(List.of(), found(d, "my heart is racing"));
  }

  @Test
  void aTopicForOneAgeGroupIsChosenByWhoTheMessageIsAbout() {
    FocusDictionary d = new FocusDictionary();
    d.add("Childhood Astrocytomas", List.of());
    d.add("Irritable Bowel Syndrome", List.of());
    d.add("Irritable Bowel Syndrome in Children", List.of());
    assertEquals(List.of(FocusDictionary.key("Childhood Astrocytomas")), found(d, "my daughter has an astrocytoma"));
    assertEquals(List.of(FocusDictionary.key("Irritable Bowel Syndrome in Children")), found(d, "my 10 year old has irritable bowel syndrome"));
    assertEquals(List.of("irritable bowel syndrome"), found(d, "I have had irritable bowel syndrome for years"));
  }

  @Test
  void emptyAndForeignTextFindNothing() {
    FocusDictionary d = dictionary();
    assertEquals(List.of(), found(d, ""));
    assertEquals(List.of(), found(d, "糖尿病について教えてください"));
  }

  @Test
  void namesWithAndWithoutAGenericLastWord() {
    assertEquals(Set.of("restless leg syndrome", "restless leg disease", "restless leg disorder"),
        FocusDictionary.genericVariants(List.of("restless leg")));
    assertEquals(Set.of("ehler danlo"), FocusDictionary.genericVariants(List.of("ehler danlo syndrome")));
    // never a single word: "heart" is not "heart disease", "gout" not "gout syndrome"
    assertEquals(Set.of(), FocusDictionary.genericVariants(List.of("heart disease", "gout")));
  }

  @Test
  void namesWithNiddksQualifiersAreKeysOfItsPages() {
    Set<String> variants = FocusDictionary.qualifiedVariants(List.of(FocusDictionary.key("Hepatitis C")));
    assertTrue(variants.contains(FocusDictionary.key("What I need to know about Hepatitis C")), variants.toString());
    assertTrue(FocusDictionary.qualifiedVariants(List.of(FocusDictionary.key("Kidney Stones")))
        .contains(FocusDictionary.key("Kidney Stones in Adults")));
    // a qualified name is not qualified again
    assertEquals(Set.of(), FocusDictionary.qualifiedVariants(List.of(FocusDictionary.key("Kidney Stones in Adults"),
        FocusDictionary.key("What I need to know about Gallstones"))));
  }
}

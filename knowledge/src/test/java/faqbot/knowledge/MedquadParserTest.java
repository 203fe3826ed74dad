package faqbot.knowledge;

import static faqbot.knowledge.ParsersTest.fixture;
import static faqbot.knowledge.ParsersTest.sharedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedquadParserTest {

  private static String doc(String source, String pairs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Document id=\"0000123\" source=\"" + source + "\" url=\"https://example.org/abc\">\n"
        + "<Focus>Abc syndrome</Focus>\n"
        + "<FocusAnnotations><Category>Disease</Category><Synonyms>\n"
        + "  <Synonym>ABC</Synonym><Synonym> Alpha  beta </Synonym><Synonym/>\n"
        + "</Synonyms></FocusAnnotations>\n"
        + "<QAPairs>\n" + pairs + "</QAPairs>\n</Document>\n";
  }

  private static String pair(int pid, String qtype, String question, String answer) {
    return "<QAPair pid=\"" + pid + "\"><Question qid=\"123-" + pid + "\" qtype=\"" + qtype + "\">"
        + question + "</Question>" + (answer == null ? "" : "<Answer>" + answer + "</Answer>")
        + "</QAPair>\n";
  }

  @Test
  void readsARegularDocumentKeyedByFileAndPosition() throws ParseException {
    String xml = doc("GHR", pair(1, "information", "What is (are) Abc syndrome ?", "It is rare.")
        + pair(2, "frequency", "How many people are affected by Abc ?", "Few &amp; far.")
        // pid 5 is the third pair: the judgments count positions, not pids
        + pair(5, "treatment", "What are the treatments for Abc ?", "Rest."));
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, "3_GHR_QA/0000999.xml", xml);
    assertEquals(Format.MEDQUAD, d.format());
    assertEquals(List.of(), d.skipped());
    assertEquals(3, d.entries().size());
    Entry first = d.entries().get(0);
    assertEquals(Entry.Kind.QA, first.kind());
    assertEquals(Entry.Status.PUBLISHED, first.status());
    assertEquals("What is (are) Abc syndrome ?", first.title());
    assertEquals(first.title(), first.question());
    assertEquals("It is rare.", first.reply());
    assertEquals("Abc syndrome", first.focus());
    assertEquals(List.of("ABC", "Alpha beta"), first.synonyms());
    assertEquals("information", first.questionType());
    assertEquals(new Source("3_GHR_QA/0000999.xml", "MedQuAD/GHR", "https://example.org/abc",
        "GHR_0000999_Sec1"), first.source());
    assertEquals("Few & far.", d.entries().get(1).reply());
    Entry third = d.entries().get(2);
    assertEquals("GHR_0000999_Sec3", third.source().externalId());
    assertEquals("treatment", third.questionType());
  }

  @Test
  void herbsAndSupplementsUseTheJudgmentsSpelling() throws ParseException {
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, "0000001.xml",
        doc("MPlusHerbsSupplements", pair(1, "information", "What is Abc ?", "")));
    Entry e = d.entries().get(0);
    assertEquals("MPlusHerbsSuppls_0000001_Sec1", e.source().externalId());
    assertEquals("MedQuAD/MPlusHerbsSupplements", e.source().collection());
  }

  @Test
  void pairsWithoutAnswerArePendingQuestions() throws ParseException {
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, "0000001.xml", doc("ADAM",
        pair(1, "information", "What is Abc ?", "")
            + pair(2, "symptoms", "What are the symptoms of Abc ?", "  \n\t ")
            + "<QAPair pid=\"3\"><Question qtype=\"causes\">What causes Abc ?</Question></QAPair>"
            + "<QAPair pid=\"4\"><Question qtype=\"causes\">Why Abc ?</Question><Answer/></QAPair>"));
    assertEquals(4, d.entries().size());
    for (Entry e : d.entries()) {
      assertEquals(Entry.Status.PENDING, e.status(), e.toString());
      assertNull(e.reply());
      assertFalse(e.question().isBlank());
    }
  }

  @Test
  void pairsWithoutQuestionAreSkippedWithoutShiftingPositions() throws ParseException {
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, "0000001.xml", doc("GARD",
        pair(1, "information", "What is Abc ?", "A.")
            + pair(2, "causes", "   ", "B.")
            + "<QAPair pid=\"3\"><Answer>C.</Answer></QAPair>"
            + pair(4, "treatment", "How to treat Abc ?", "D.")));
    assertEquals(List.of("GARD_0000001_Sec1", "GARD_0000001_Sec4"),
        d.entries().stream().map(e -> e.source().externalId()).toList());
    assertEquals(2, d.skipped().size());
    assertTrue(d.skipped().get(0).startsWith("QAPair[2]"), d.skipped().toString());
    assertTrue(d.skipped().get(1).startsWith("QAPair[3]"), d.skipped().toString());
  }

  @Test
  void aDocumentWithoutPairsIsSkippedWithAReason() throws ParseException {
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, "0000056.xml", doc("NIDDK", ""));
    assertEquals(List.of(), d.entries());
    assertEquals(1, d.skipped().size());
    assertTrue(d.skipped().get(0).contains("no QA pairs"), d.skipped().toString());
  }

  @Test
  void answersKeepParagraphsAndRecoverFlattenedBullets() throws ParseException {
    String answer = "Key Points\n                    - First point.    - Second point.\n"
        + "                \nNext   paragraph.        After a lost break.\n"
        + "Nested <b>bold</b> and <![CDATA[<raw> & text]]> kept.";
    Entry e = Parsers.parse(Format.MEDQUAD, "0000001.xml",
        doc("CancerGov", pair(1, "information", "What is\n  Abc ?", answer))).entries().get(0);
    assertEquals("Key Points\n- First point.\n- Second point.\n\n"
        + "Next paragraph.\nAfter a lost break.\n"
        + "Nested bold and <raw> & text kept.", e.reply());
    assertEquals("What is Abc ?", e.question());
  }

  /** The reply the importer makes of one answer of {@code source}. */
  private static String reply(String source, String answer) throws ParseException {
    return Parsers.parse(Format.MEDQUAD, "0000001.xml",
        doc(source, pair(1, "information", "What is Abc ?", answer))).entries().get(0).reply();
  }

  @Test
  void aListWithoutFullStopsEndsAtItsRunOfSpaces() throws ParseException {
    String answer = "Other causes can include:       - Allergies    - Strep throat    - Tonsillitis"
        + " - an infection in the tonsils       Treatment depends on the cause. Gargling may help.";
    assertEquals("Other causes can include:\n- Allergies\n- Strep throat\n"
        + "- Tonsillitis - an infection in the tonsils\n"
        + "Treatment depends on the cause. Gargling may help.",
        reply("MPlusHealthTopics", answer));
  }

  @Test
  void termsAndTheirGluedExplanationsAreApartAgainInTheNihInstitutesPages() throws ParseException {
    String answer = "Some children with anemia feel tired. A child may develop anemiaa condition "
        + "that develops when the blood lacks red blood cells. The doctor may recommend a kidney "
        + "biopsya procedure in which a needle takes tissue. A biopsy helps. In the bone marrow "
        + "cells are made; the bone marrowa sponge-like tissue inside the bones. Dialysis: "
        + "dialysisthe process of filtering wastes. Pasta and rice are fine in the past.";
    String expected = "Some children with anemia feel tired. A child may develop anemia, a "
        + "condition that develops when the blood lacks red blood cells. The doctor may recommend "
        + "a kidney biopsy, a procedure in which a needle takes tissue. A biopsy helps. In the bone "
        + "marrow cells are made; the bone marrow, a sponge-like tissue inside the bones. Dialysis: "
        + "dialysis, the process of filtering wastes. Pasta and rice are fine in the past.";
    for (String source : List.of("NIDDK", "NHLBI", "NINDS", "NIHSeniorHealth")) {
      assertEquals(expected, reply(source, answer), source);
    }
    // other collections write Latin names that look alike ("spina bifida occulta", "bifid")
    String latin = "A bifid uvula. Signs: spina bifida occulta and a short neck.";
    assertEquals(latin, reply("GARD", latin));
  }

  @Test
  void aGluedTermIsOnlyAWordWrittenAloneWithAnArticleThatFitsTheNextWord() {
    java.util.Set<String> known = java.util.Set.of("past", "biopsy", "urologist");
    assertEquals("see a urologist, a doctor who treats the bladder",
        MedquadParser.separateGlossary("see a urologista doctor who treats the bladder", known));
    assertEquals("a biopsy, an exam of tissue",
        MedquadParser.separateGlossary("a biopsyan exam of tissue", known));
    // "anemia causes" is no "anemi" and its explanation: "anemi" is never written alone
    assertEquals("anemia causes tiredness",
        MedquadParser.separateGlossary("anemia causes tiredness", java.util.Set.of("anemia")));
    assertEquals("see a urologista doctor",
        MedquadParser.separateGlossary("see a urologista doctor", java.util.Set.of()));
    // "past" is a word here, but no explanation starts with "and", nor "a" before a vowel
    assertEquals("pasta and rice", MedquadParser.separateGlossary("pasta and rice", known));
    assertEquals("pasta on toast", MedquadParser.separateGlossary("pasta on toast", known));
    assertEquals("pasta aisle", MedquadParser.separateGlossary("pasta aisle", known));
  }

  @Test
  void apostrophesTheScrapeLostAreBack() throws ParseException {
    String answer = "Dont wait: the bodys cells need oxygen, and if youre tired or cant eat, "
        + "that doesnt mean it isnt treatable. People with Cant syndrome have thick hair. "
        + "ITS ORIGIN is unknown; its cause and a persons risk are studied.";
    assertEquals("Don't wait: the body's cells need oxygen, and if you're tired or can't eat, "
        + "that doesn't mean it isn't treatable. People with Cant syndrome have thick hair. "
        + "ITS ORIGIN is unknown; its cause and a persons risk are studied.",
        reply("NIDDK", answer));
  }

  @Test
  void notesAboutAPagesVideoPlayerAreLeftOut() throws ParseException {
    String answer = "An outbreak usually begins with a burning sensation. (Watch the video to "
        + "learn more about shingles. To enlarge the video, click the brackets in the lower "
        + "right-hand corner. To reduce the video, press the Escape (Esc) button on your "
        + "keyboard.) Some people feel feverish (for example, after a video game).";
    assertEquals("An outbreak usually begins with a burning sensation. Some people feel feverish "
        + "(for example, after a video game).", reply("NIHSeniorHealth", answer));
  }

  @Test
  void sentencesThatSendTheReaderToALinkAreLeftOut() throws ParseException {
    String answer = "Testing is available. To view the contact information for the clinical "
        + "laboratories conducting testing, click here. Ask your doctor.\n"
        + "For more information, please click here.\n"
        + "Treatment helps. (Click the table on the right to see the stages.) Rest helps. "
        + "Clicking joints are common.";
    assertEquals("Testing is available. Ask your doctor.\n"
        + "Treatment helps. Rest helps. Clicking joints are common.", reply("GARD", answer));
  }

  @Test
  void seniorHealthHeadingsRunIntoTheirTextGetALineOfTheirOwn() throws ParseException {
    String answer = "Sudden, Intense Joint Pain Gout is a form of arthritis. Early attacks "
        + "subside within days. Where Gout Usually Occurs Sometime during the course of the "
        + "disease, many patients develop gout in the big toe. Burning, Itching, Tingling, Then a "
        + "Rash An outbreak usually begins. The U.S. Food and Drug Administration has approved "
        + "a vaccine. Medicare Part D helps pay for it. The National Institute on Aging (NIA) "
        + "supports research.";
    String parsed = Parsers.parse(Format.MEDQUAD, "0000001.xml",
        doc("NIHSeniorHealth", pair(1, "information", "What is Gout ?", answer)))
        .entries().get(0).reply();
    assertEquals("Sudden, Intense Joint Pain\nGout is a form of arthritis. Early attacks "
        + "subside within days.\nWhere Gout Usually Occurs\nSometime during the course of the "
        + "disease, many patients develop gout in the big toe.\nBurning, Itching, Tingling, Then "
        + "a Rash\nAn outbreak usually begins. The U.S. Food and Drug Administration has approved "
        + "a vaccine. Medicare Part D helps pay for it. The National Institute on Aging (NIA) "
        + "supports research.", parsed);
    // other collections keep their text as written: their capitalised runs are names
    String ghr = "Factor V Leiden thrombophilia is an inherited disorder.";
    assertEquals(ghr, Parsers.parse(Format.MEDQUAD, "0000002.xml",
        doc("GHR", pair(1, "information", "What is Factor V Leiden ?", ghr))).entries().get(0)
        .reply());
  }

  @Test
  void malformedXmlIsReportedAtLineAndColumn() {
    ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(Format.MEDQUAD,
        "5_NIDDK_QA/bad.xml", fixture("medquad_malformed.xml")));
    assertEquals("5_NIDDK_QA/bad.xml", e.document());
    assertTrue(e.location().startsWith("line 7, column "), e.location());
    assertTrue(e.getMessage().contains("Answer"), e.getMessage());
    ParseException truncated = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.MEDQUAD, "t.xml", "<Document source=\"GHR\">\n<QAPairs>\n<QAPair>"));
    assertTrue(truncated.location().startsWith("line 3"), truncated.location());
  }

  @Test
  void doctypesAreRefusedSoNoExternalEntityIsRead() {
    ParseException e = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.MEDQUAD, "xxe.xml", fixture("medquad_xxe.xml")));
    assertEquals("line 2", e.location());
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        + "<Document source=\"GHR\"><QAPairs><QAPair><Question>&c;</Question></QAPair></QAPairs>"
        + "</Document>";
    assertThrows(ParseException.class, () -> Parsers.parse(Format.MEDQUAD, "bomb.xml", laughs));
  }

  @Test
  void structuralProblemsNameTheElement() {
    ParseException root = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.MEDQUAD, "x.xml", "<html><body/></html>"));
    assertEquals("html", root.location());
    ParseException noSource = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.MEDQUAD, "x.xml", "<Document id=\"1\"><QAPairs/></Document>"));
    assertEquals("Document", noSource.location());
    ParseException twoQuestions = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.MEDQUAD, "x.xml", doc("GHR", pair(1, "a", "Q1 ?", "A1")
            + "<QAPair><Question>Q2 ?</Question><Answer>A</Answer><Question>Q3 ?</Question>"
            + "</QAPair>")));
    assertEquals("QAPair[2]/Question[2]", twoQuestions.location());
  }

  @Test
  void pastedDocumentsAreKeyedByTheirDocumentId() throws ParseException {
    Entry e = Parsers.parse(Format.MEDQUAD, "chat", doc("GHR", pair(1, "a", "Q ?", "A.")))
        .entries().get(0);
    assertEquals("GHR_0000123_Sec1", e.source().externalId());
  }

  // ---- the irregular documents of the real collection ----

  @Test
  void readsTheNindsDocLayout() throws ParseException {
    String name = "6_NINDS_QA/0000007.xml";
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, name, sharedText("data/medquad/" + name));
    assertEquals(List.of(), d.skipped());
    assertEquals(List.of("NINDS_0000007_Sec1", "NINDS_0000007_Sec2", "NINDS_0000007_Sec3",
        "NINDS_0000007_Sec4"), d.entries().stream().map(e -> e.source().externalId()).toList());
    Entry e = d.entries().get(0);
    assertEquals("what is holmes-adie syndrome ?", e.question());
    assertEquals("information", e.questionType());
    assertEquals("Holmes-Adie", e.focus());
    assertEquals("MedQuAD/NINDS", e.source().collection());
    assertEquals("http://www.ninds.nih.gov/disorders/holmes_adie/holmes_adie.htm", e.source().url());
    assertTrue(e.reply().startsWith("Holmes-Adie syndrome (HAS) is a neurological disorder"));
    assertEquals(Entry.Status.PUBLISHED, e.status());
    assertEquals("treatment", d.entries().get(1).questionType());
  }

  @Test
  void readsTheCdcDiseaseFileLayout() throws ParseException {
    String name = "9_CDC_QA/0000397.xml";
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, name, sharedText("data/medquad/" + name));
    assertEquals(5, d.entries().size());
    Entry third = d.entries().get(2);
    // its pids are 1, 2, 5, 6, 7: the third pair is Sec3 although its pid is 5
    assertEquals("CDC_0000397_Sec3", third.source().externalId());
    assertEquals("How to diagnose Parasites - Taeniasis ?", third.question());
    assertEquals("exams and tests", third.questionType());
    assertEquals("Parasites - Taeniasis", third.focus());
    assertEquals("MedQuAD/CDC", third.source().collection());
    assertTrue(third.reply().startsWith("Diagnosis of Taenia tapeworm infections"), third.reply());
    assertTrue(third.reply().contains(" a microscope. Tapeworm eggs can be detected"));
    assertTrue(third.reply().contains("is established.\n\nTapeworm eggs of T. solium"),
        third.reply());
  }

  @Test
  void reportsTheRealDocumentsWithoutPairs() throws ParseException {
    String name = "5_NIDDK_QA/0000056.xml";
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, name, sharedText("data/medquad/" + name));
    assertEquals(List.of(), d.entries());
    assertEquals(1, d.skipped().size());
    assertTrue(d.skipped().get(0).contains("Prevent diabetes problems"), d.skipped().toString());
  }

  @Test
  void readsSynonymsAndPendingAdamQuestions() throws ParseException {
    String ghr = "3_GHR_QA/0000001.xml";
    Entry e = Parsers.parse(Format.MEDQUAD, ghr, sharedText("data/medquad/" + ghr))
        .entries().get(0);
    assertEquals(List.of("Aarskog syndrome", "AAS", "Facio-digito-genital dysplasia",
        "Faciogenital dysplasia"), e.synonyms());
    assertTrue(e.reply().contains("and a widow's peak hairline."), e.reply());

    String adam = "10_MPlus_ADAM_QA/0000001.xml";
    ParsedDocument d = Parsers.parse(Format.MEDQUAD, adam, sharedText("data/medquad/" + adam));
    assertFalse(d.entries().isEmpty());
    for (Entry pending : d.entries()) {
      assertEquals(Entry.Status.PENDING, pending.status());
      assertNull(pending.reply());
      assertEquals("A guide to clinical trials for cancer", pending.focus());
    }
    assertEquals("ADAM_0000001_Sec1", d.entries().get(0).source().externalId());
    assertEquals("MedQuAD/ADAM", d.entries().get(0).source().collection());
  }
}

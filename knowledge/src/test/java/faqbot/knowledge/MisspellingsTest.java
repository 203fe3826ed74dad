package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MisspellingsTest {
  /** An index of three topics as EntryIndex writes their names; the drug's entry is question-only. */
  private static Misspellings misspellings(ByteBuffersDirectory dir) throws Exception {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(SearchAnalyzers.index()))) {
      w.addDocument(entry("Pneumonia", "Pneumonia is an infection of the lungs, often after a cold.", true));
      w.addDocument(entry("Hemorrhoids", "Swollen veins in the rectum. A cricket bat is no cure.", true));
      w.addDocument(entry("Alzheimer's Disease", "A brain disease that slowly destroys memory.", true));
      w.addDocument(entry("Rickets", "Soft bones in children from too little vitamin D.", true));
      w.addDocument(entry("Nettle", "", false));
    }
    DirectoryReader r = DirectoryReader.open(dir);
    FocusDictionary d = FocusDictionary.fromIndex(r);
    return Misspellings.fromIndex(r, SearchAnalyzers.index(), d);
  }

  private static Document entry(String focus, String answer, boolean answerable) {
    Document d = new Document();
    String key = FocusDictionary.key(focus);
    d.add(new StringField(EntryIndex.FOCUS_KEY, key, Field.Store.NO));
    d.add(new StringField(EntryIndex.FOCUS_NAMES, key + EntryIndex.NAME_SEPARATOR + key, Field.Store.NO));
    String eponym = FocusDictionary.eponym(focus);
    if (eponym != null) {
      d.add(new StringField(EntryIndex.FOCUS_NAMES, eponym + EntryIndex.NAME_SEPARATOR + key, Field.Store.NO));
    }
    d.add(new TextField(EntryIndex.QUESTION, "What is " + focus + "?", Field.Store.NO));
    d.add(new TextField(EntryIndex.ANSWER, answer, Field.Store.NO));
    if (answerable) {
      d.add(new StringField(EntryIndex.ANSWERABLE, EntryIndex.ANSWERABLE, Field.Store.NO));
    }
    return d;
  }

  @Test
  void aMisspeltNameIsReadAsTheTopicItMisspells() throws Exception {
    Misspellings m = misspellings(new ByteBuffersDirectory());
    assertEquals("symptoms of neumonia in old people".replace("neumonia", "pneumonia"),
        m.correct("symptoms of neumonia in old people"));
    assertEquals("alzheimers early signs, she put the kettle in the fridge",
        m.correct("alzhimers early signs, she put the kettle in the fridge"));
    // the plural stays a plural
    assertEquals("treating hemorrhoids", m.correct("treating hemorroids"));
    assertEquals("symptoms of a cold", m.correct("symptons of a cold"));
  }

  @Test
  void ordinaryWordsAndKnownWordsStayAsWritten() throws Exception {
    Misspellings m = misspellings(new ByteBuffersDirectory());
    // "cricket" is one letter from "ricket" but starts with another letter
    assertEquals("who won the crickets last night", m.correct("who won the crickets last night"));
    // "kettle" is one letter from "nettle", whose entry answers nothing
    assertEquals("is the kettle safe", m.correct("is the kettle safe"));
    // a word an entry holds is no misspelling, however close to a name
    assertEquals("a cricket bat", m.correct("a cricket bat"));
  }

  @Test
  void aNameMisspeltInTwoWordsOrCloseToTwoNamesIsReadAsTheTopicTheWholeMessageNames() throws Exception {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(SearchAnalyzers.index()))) {
      w.addDocument(entry("Atrial fibrillation", "An irregular heartbeat.", true));
      w.addDocument(entry("Arterial disease", "Narrowed arteries.", true));
      w.addDocument(entry("Lactose intolerance", "Trouble digesting milk sugar.", true));
    }
    DirectoryReader r = DirectoryReader.open(dir);
    Misspellings m = Misspellings.fromIndex(r, SearchAnalyzers.index(), FocusDictionary.fromIndex(r));
    // "artrial" is one edit from "atrial" and from "arterial"; only atrial names a topic here
    assertEquals("atrial fibrillation, is it dangerous", m.correct("artrial fibrillation, is it dangerous"));
    // neither word alone names the topic
    assertEquals("lactose intolerance symptoms", m.correct("laktose intollerance symptoms"));
    // a name written twice is corrected twice
    assertEquals("lactose intolerance? lactose intolerance!", m.correct("laktose intolerance? laktose intolerance!"));
    // a correction that names nothing stays undone
    assertEquals("laktose free milk", m.correct("laktose free milk"));
  }

  @ParameterizedTest
  @CsvSource({"asthma,astma,1", "shingles,shingels,1", "hemorrhoid,hemmoroid,3", "migraine,migrane,1",
      "diabetes,diabetes,0", "gastritis,gastritus,1"})
  void distanceCountsASwapAsOneEdit(String a, String b, int expected) {
    assertEquals(expected, Misspellings.distance(a, b, 3));
  }

  @Test
  void onlyASilentFirstLetterMayBeLeftOut() {
    assertTrue(Misspellings.sameStart("neumonia", "pneumonia"));
    assertTrue(Misspellings.sameStart("astma", "asthma"));
    assertFalse(Misspellings.sameStart("cricket", "ricket"));
  }
}

package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which messages are not English, above all the short ones a patient types first. */
class LanguagesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // too short for the n-gram detector: told by their common words
      "ich bin krank | de",
      "mir ist schlecht | de",
      "estou com febre | pt",
      "ho mal di testa | it",
      "j'ai de la fièvre | fr",
      "ik heb hoofdpijn | nl",
      "tengo fiebre y tos | es",
      // short, with letters English does not use
      "boli mnie głowa | pl",
      "başım ağrıyor | tr",
      // a script with one likely writer
      "我头疼 | zh",
      "頭が痛いです | ja",
      "머리가 아파요 | ko",
      // the detector unsure, the common words agreeing
      "mia madre respira male, ha le labbra blu, che faccio? | it",
      "Ich habe seit zwei Tagen Kopfschmerzen, was kann ich nehmen? | de"})
  void shortMessagesInOtherLanguagesAreTold(String text, String language) {
    assertEquals(language, Languages.nonEnglish(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ibuprofen dose", "bleeding wont stop", "grand mal seizure",
      "male infertility", "AI diagnosis", "can carbon monoxide detectors go bad",
      "baby choking on something and turning blue", "i've taken 20 co-codamol", "tummy ache",
      "ma head hurts", "mama has fever", "papa fell down", "kidney stones", "dengue fever",
      "my abuela has knee pain after running, what can she do?", "hpv", "lupus"})
  void englishIsEnglishHoweverShort(String text) {
    assertNull(Languages.nonEnglish(text), text);
  }
}

package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      "co to jest cukrzyca | pl",
      "czy to jest grypa | pl",
      // Hindi typed in Latin letters: the n-grams guessed Indonesian and Turkish
      "mujhe bukhar hai aur sir dard ho raha hai | hi",
      "asthma ke liye kya karein | hi",
      // and common words outweigh an unsure guess of a neighbouring language
      "mein mann pinkelt blut | de",
      // "what is X" and other short questions, told by a question frame or words of several
      // related languages: these were searched in English, and "o que é dengue" was answered
      "was ist bluthochdruck | de",
      "wat is astma | nl",
      "o que é dengue | pt",
      "que es la gota | es",
      "¿Qué es la diabetes? | es",
      "hepatitis b nedir | tr",
      "asma tem cura? | pt",
      "symptome von diabetes | de",
      "tratamento para gota | pt",
      "mi padre tuvo un infarto hace tres años, qué dieta le conviene? | es",
      "apa itu diabetes | id",
      "ano ang diabetes | tl",
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

  /** Every language the detector may name and the bot has a sentence for says the number. */
  @ParameterizedTest
  @ValueSource(strings = {"es", "fr", "de", "pt", "zh", "it", "nl", "pl", "ru", "ja", "ko", "uk",
      "tr", "ar", "fa", "hi", "vi", "ro", "id", "tl", "sv", "no", "da"})
  void theEnglishOnlyReplyIsInTheLanguageWithTheNumberThenInEnglish(String language) {
    String reply = Languages.englishOnly(language, "112");
    String[] lines = reply.split("\n");
    assertEquals(2, lines.length, reply);
    assertTrue(lines[0].contains("112") && !lines[0].contains("{number}"), reply);
    assertFalse(lines[0].contains("English"), reply);
    assertTrue(lines[1].startsWith("I can only answer in English") && lines[1].contains("112"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ibuprofen dose", "bleeding wont stop", "grand mal seizure",
      "male infertility", "AI diagnosis", "can carbon monoxide detectors go bad",
      "baby choking on something and turning blue", "i've taken 20 co-codamol", "tummy ache",
      "ma head hurts", "mama has fever", "how to lower cholesterol", "allergic to penicillin",
      "ways to sleep better", "swelling to the ankle", "papa fell down", "kidney stones", "dengue fever",
      "my abuela has knee pain after running, what can she do?", "hpv", "lupus",
      // n-gram guesses on short English with misspellings and no common word of the guess
      "pnemonia contagious", "gallstone attack sympoms", "warfarin and green vegetables vitamin k",
      "does an epipen expire, mine says 2024", "inhalers for asthma, preventer vs reliever",
      "diverticulosis vs diverticulitis diffrence", "im so tired all the time",
      "hay fever remedies", "What causes Gilles de la Tourette syndrome ?"})
  void englishIsEnglishHoweverShort(String text) {
    assertNull(Languages.nonEnglish(text), text);
  }
}

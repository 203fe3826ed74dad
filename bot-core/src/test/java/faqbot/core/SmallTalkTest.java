package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a whole message of greeting, thanks or goodbye is small talk; anything more is asked. */
class SmallTalkTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hi | GREETING", "Hello!! | GREETING", "hey there 👋 | GREETING", "Good morning | GREETING",
      "hola | GREETING", "Buenos días | GREETING", "bonjour tout le monde | GREETING",
      "Guten Tag | GREETING", "你好 | GREETING", "thanks | THANKS", "Thank you so much! | THANKS",
      "ok thanks for your help | THANKS", "thx | THANKS", "muchas gracias | THANKS",
      "merci beaucoup | THANKS", "谢谢！ | THANKS", "bye | BYE", "ok bye, take care | BYE",
      "ok | ACK", "Okay. | ACK", "got it | ACK", "yes | ACK", "no | ACK", "i see | ACK",
      "good | ACK", "good night | BYE", "see you later | BYE", "ok thanks | THANKS",
      "more | MORE", "tell me more please | MORE", "more info | MORE",
      "what can you do? | ABOUT_BOT", "Who are you | ABOUT_BOT", "are you a real doctor? | ABOUT_BOT",
      "r u a bot | ABOUT_BOT", "hi, how does this work? | ABOUT_BOT", "what is this bot | ABOUT_BOT",
      "how do I use this | ABOUT_BOT", "can you help me please | ABOUT_BOT",
      "ok so what can I ask here | ABOUT_BOT"})
  void wholeMessagesOfSmallTalk(String text, SmallTalk.Kind kind) {
    assertEquals(Optional.of(kind), SmallTalk.of(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hi, my back hurts after kyphoplasty", "hello I have a question",
      "thanks, but what about the numbness?", "hi doctor my chest hurts", "ok my leg is numb",
      "no pain but swelling", "yes it hurts", "more pain at night", "tell me about gout",
      "hola, me duele la cabeza", "你好，我胸口痛", "thank you for the info about cement leakage",
      "hi hi hi hi hi hi hi", "", "what can you do for back pain", "are you a doctor who knows gout",
      "can you help me with my rash", "how does this medicine work", "what is this lump on my neck",
      "who are you supposed to see for sciatica"})
  void anythingMoreIsNot(String text) {
    assertEquals(Optional.empty(), SmallTalk.of(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"hola | es", "merci | fr", "danke schön | de",
      "obrigada | pt", "grazie | it", "你好 | zh"})
  void aGreetingInAnotherLanguageNamesIt(String text, String language) {
    assertEquals(language, SmallTalk.language(text));
  }
}

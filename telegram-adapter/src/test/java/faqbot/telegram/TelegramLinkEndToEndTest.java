package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /link through the real telegrambots client and the fake Bot API: a patient's unanswered
 * question is linked to an existing entry, the patient is notified with it, and the next patient
 * who asks the same way is answered.
 */
class TelegramLinkEndToEndTest {
  static final String TOKEN = "246813579:AAE2e-TEST_token_fedcba9876543210";
  static final Duration WAIT = Duration.ofSeconds(10);
  static final long ADMIN = 9001;
  static final long MODERATOR = 500;
  /** A patient's words for the cement question, with little in common with the entry's. */
  static final String LAY = "some of the glue they put in my back went where it shouldnt, should i be scared";

  FakeBotApi api;
  KnowledgeBase kb;
  BotCore core;
  TelegramBot bot;

  @AfterEach
  void stop() throws Exception {
    if (bot != null) {
      bot.close();
    }
    if (core != null) {
      core.close();
    }
    if (kb != null) {
      kb.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private FakeBotApi.Call next(long chat, int before) throws InterruptedException {
    String id = String.valueOf(chat);
    return api.await("sendMessage", before + 1, c -> id.equals(c.param("chat_id")) && c.status == 200,
        WAIT).get(before);
  }

  private static String callbackData(FakeBotApi.Call message, String labelStart) {
    JsonNode markup = message.json("reply_markup");
    for (JsonNode row : markup.get("inline_keyboard")) {
      for (JsonNode button : row) {
        if (button.get("text").asText().startsWith(labelStart)) {
          return button.get("callback_data").asText();
        }
      }
    }
    throw new AssertionError("no button " + labelStart + " in " + message);
  }

  @Test
  void aLinkedQuestionIsAnsweredTheNextTimeItIsAsked(@TempDir Path home) throws Exception {
    kb = KnowledgeBase.open(home);
    long cement = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Cement leaking outside the vertebra after kyphoplasty")
        .question("After balloon kyphoplasty the X-ray shows some cement outside the bone. "
            + "Should I worry?")
        .doctorName("Mara Lind")
        .specialty("Spine surgery")
        .reply("Small amounts of cement outside the vertebra are common after kyphoplasty and "
            + "usually cause no trouble. It matters where the cement went: a CT scan shows that.")
        .replyDate(LocalDate.of(2021, 3, 14))
        .source(new Source("test", "telegram-e2e", null, "tg-link-cement"))
        .build(), "test").id();
    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("telegram link test key"), kb, Clock.systemUTC());
    api = new FakeBotApi(TOKEN);
    TelegramSettings settings = TelegramSettings.fromEnvironment(api.env()).orElseThrow()
        .withPacing(new TelegramSettings.Pacing(Duration.ofMillis(20), 1000, 1000))
        .withRetry(new TelegramSettings.Retry(4, Duration.ofMillis(50), Duration.ofSeconds(10)));
    bot = TelegramBot.start(settings, core);

    long patient = 1101;
    api.push(Updates.privateText(patient, "Pat", LAY));
    FakeBotApi.Call declined = next(patient, 0);
    assertTrue(declined.param("text").contains("have a reviewed answer"), declined.param("text"));
    api.push(Updates.callback(Updates.user(patient, "Pat"), Updates.privateChat(patient, "Pat"), 5000,
        callbackData(declined, "Notify me")));
    next(patient, 1);

    api.push(Updates.privateText(ADMIN, "Root", "/grant telegram:" + MODERATOR + " moderator"));
    next(ADMIN, 0);
    api.push(Updates.privateText(MODERATOR, "Mod", "/queue"));
    String listing = next(MODERATOR, 0).param("text");
    Matcher m = Pattern.compile("Q(\\d+) asked").matcher(listing);
    assertTrue(m.find(), listing);

    int before = api.messagesTo(String.valueOf(patient)).size();
    api.push(Updates.privateText(MODERATOR, "Mod", "/link Q" + m.group(1) + " " + cement));
    String linked = next(MODERATOR, 1).param("text");
    assertTrue(linked.contains("notified 1 of 1"), linked);
    String notice = next(patient, before).param("text");
    assertTrue(notice.contains("Small amounts of cement outside the vertebra"), notice);

    long next = 1102;
    api.push(Updates.privateText(next, "Ned", LAY));
    FakeBotApi.Call answered = next(next, 0);
    assertTrue(answered.param("text").contains("Small amounts of cement outside the vertebra"),
        answered.param("text"));
    assertFalse(answered.param("text").contains("have a reviewed answer"));
    List<String> labels = new java.util.ArrayList<>();
    answered.json("reply_markup").get("inline_keyboard")
        .forEach(row -> row.forEach(b -> labels.add(b.get("text").asText())));
    assertTrue(labels.contains("Read the full answer"), labels.toString());
  }
}

package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Admin;
import faqbot.core.BotCore;
import faqbot.core.ChatType;
import faqbot.core.CoreConfig;
import faqbot.core.IncomingMessage;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.knowledge.KnowledgeBase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moderator flows typed into the console chat, end to end through the real core, on an empty
 * knowledge base (so a no-match reply has one button, "Notify me").
 */
class ConsoleChatTest {
  static final String PATIENT = "local-patient";
  static final String MODERATOR = "local-moderator";

  @TempDir Path home;
  KnowledgeBase kb;
  BotCore core;

  @BeforeEach
  void open() throws Exception {
    kb = KnowledgeBase.open(home);
    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("console:local-admin")
        .withPseudonymizationKey("a console test key of enough bytes"), kb, Clock.systemUTC());
    core.handle(IncomingMessage.text(Platform.CONSOLE, "local-admin", ChatType.PRIVATE,
        "local-admin", "console", "/grant console:" + MODERATOR + " moderator"));
  }

  @AfterEach
  void close() throws Exception {
    core.close();
    kb.close();
  }

  private String type(String user, String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ConsoleChat(core, user, home, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    return out.toString(StandardCharsets.UTF_8);
  }

  private void askAndSubscribe() throws Exception {
    String patient = type(PATIENT, "my grandmother has glaucoma , is it hereditary\n1\n");
    assertTrue(patient.contains("[1] Notify me when answered"), patient);
    assertTrue(patient.contains("(pressing \"Notify me when answered\" of reply 2)"), patient);
    assertTrue(patient.contains("I will message you"), patient);
  }

  @Test
  void answerWithoutANotifierPublishesOnceWithTheModeratorsTitle() throws Exception {
    askAndSubscribe();
    String mod = type(MODERATOR, String.join("\n",
        "/queue",
        "/answer Q1 Some kinds of glaucoma run in families; relatives should have their eyes checked.",
        "Is glaucoma hereditary?",
        "1",
        "1",
        "3.1",
        "/answer Q1 again",
        ""));
    assertTrue(mod.contains("My grandmother has glaucoma, is it hereditary?"), mod);
    assertTrue(mod.contains("(pressing \"Publish\" of reply 4)"), mod);
    assertTrue(mod.contains("notified 0 of 1 waiting asker"), mod);
    assertFalse(mod.contains("something went wrong"), mod);
    // the reply after Publish has no buttons: "1" is gone, not a question
    assertTrue(mod.contains("(that button is gone"), mod);
    // the first preview's Publish was replaced by the retitled one
    assertTrue(mod.contains("expired"), mod);
    assertTrue(mod.contains("There is no open queue item Q1"), mod);
    assertEquals(1, core.admin().audit(20).stream().filter(a -> a.action().equals("answer"))
        .count());
    assertTrue(kb.list(0, 10, false).stream().anyMatch(e -> e.title().equals(
        "Is glaucoma hereditary?")));
    String later = type(PATIENT, "is glaucoma hereditary\n");
    assertTrue(later.contains("Some kinds of glaucoma run in families"), later);
    assertTrue(core.admin().logs(Admin.LogQuery.recent(0)).stream()
        .noneMatch(r -> r.text().equals("1") || r.text().equals("3.1")), "numbers are never sent");
  }

  @Test
  void answerWithANotifierTellsTheAsker() throws Exception {
    List<Reply> sent = new ArrayList<>();
    core.registerNotifier(Platform.CONSOLE, (userId, chatId, reply) -> sent.add(reply));
    askAndSubscribe();
    String mod = type(MODERATOR, "/answer Q1 Some kinds of glaucoma run in families.\n1\n");
    assertTrue(mod.contains("notified 1 of 1 waiting asker"), mod);
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).plainText().contains("Some kinds of glaucoma run in families."));
  }

  @Test
  void aMultiLinePasteIsOnePageAndNoLineIsQueued() throws Exception {
    String page = CliTest.PAGE.replace("Reply Date", "\nReply Date");
    String mod = type(MODERATOR, "/paste\n" + page + ".\n1\n/queue\n");
    assertTrue(mod.contains("Preview") && mod.contains("Dr. Example Lin, Orthopedics"), mod);
    assertTrue(mod.contains("Published #"), mod);
    assertTrue(mod.contains("The queue is empty"), mod);
    assertTrue(type(PATIENT, "numb foot after kyphoplasty\n").contains("Numbness after kyphoplasty"));
  }

  @Test
  void aPasteCanBeDropped() throws Exception {
    String mod = type(MODERATOR, "/paste\n" + CliTest.PAGE + "/cancel\n/done\n");
    assertTrue(mod.contains("(paste dropped)"), mod);
    assertTrue(mod.contains("no paste in progress"), mod);
    assertEquals(0, kb.counts().total());
  }

  @Test
  void aPasteEndsAtTheEndOfInput() throws Exception {
    String mod = type(MODERATOR, "/paste " + CliTest.ARTICLE);
    assertTrue(mod.contains("Preview") && mod.contains("Enough vitamin D supports strong bones"),
        mod);
  }

  @Test
  void aNumberWithoutButtonsIsNeverAQuestion() throws Exception {
    String out = type(PATIENT, "4\n2.3\n");
    assertTrue(out.contains("(that button is gone: the last reply has no buttons"), out);
    assertTrue(out.contains("(that button is gone: reply 2 has no buttons any more.)"), out);
    assertTrue(core.admin().logs(Admin.LogQuery.recent(0)).stream()
        .noneMatch(r -> r.text().equals("4")));
    assertTrue(type(MODERATOR, "/queue\n").contains("The queue is empty"));
  }

  @Test
  void importPathPreviewsThenImports() throws Exception {
    Path file = home.resolve("numb-foot.txt");
    Files.writeString(file, CliTest.PAGE);
    String mod = type(MODERATOR, "/import " + file + "\n1\n/import " + home.resolve("absent.txt")
        + "\n");
    assertTrue(mod.contains("numb-foot.txt: qa_page, would add 1, update 0, leave 0 unchanged"),
        mod);
    assertTrue(mod.contains("numb-foot.txt: qa_page, 1 added, 0 updated, 0 unchanged, 0 skipped"),
        mod);
    assertTrue(mod.contains("(no such file: "), mod);
    assertEquals(1, kb.counts().total());
  }
}

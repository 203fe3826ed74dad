package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Routing decisions on updates parsed by the library from real-shaped JSON. */
class UpdateRouterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final java.util.concurrent.atomic.AtomicInteger downloads =
      new java.util.concurrent.atomic.AtomicInteger();
  private final UpdateRouter router = new UpdateRouter(FakeBotApi.BOT_ID,
      FakeBotApi.BOT_USERNAME, new CallbackCodec(new Secrets("1:router-test-token-abc")), id -> {
        downloads.incrementAndGet();
        return new java.io.ByteArrayInputStream(new byte[0]);
      }, faqbot.core.CommandCatalogue.STANDARD);

  private UpdateRouter.Routed route(ObjectNode json) throws Exception {
    json.put("update_id", 1);
    return router.route(JSON.treeToValue(json, Update.class));
  }

  private String askText(ObjectNode json) throws Exception {
    UpdateRouter.Routed r = route(json);
    assertInstanceOf(UpdateRouter.Ask.class, r, r.toString());
    return ((UpdateRouter.Ask) r).message().text();
  }

  @Test
  void privateChatsPassEverythingWithOwnBotNameStripped() throws Exception {
    assertEquals("hello there", askText(Updates.privateText(1, "A", "hello there")));
    assertEquals("/add Q | A", askText(Updates.privateText(1, "A",
        "/add@" + FakeBotApi.BOT_USERNAME.toLowerCase() + " Q | A")));
    assertEquals("/paste line one\nline two", askText(Updates.privateText(1, "A",
        "/paste\nline one\nline two")));
    assertInstanceOf(UpdateRouter.Ignore.class, route(Updates.privateText(1, "A",
        "/start@SomeoneElsesBot")));
  }

  @Test
  void groupsOnlyAnswerWhatIsAddressedToTheBot() throws Exception {
    assertInstanceOf(UpdateRouter.Ignore.class, route(Updates.groupText(-5, 2, "B", "hi all")));
    assertInstanceOf(UpdateRouter.Ignore.class, route(Updates.groupText(-5, 2, "B", "/help")));
    assertEquals("/help", askText(Updates.groupText(-5, 2, "B",
        "/help@" + FakeBotApi.BOT_USERNAME)));
    assertEquals("/ask", askText(Updates.groupMention(-5, 2, "B", "@"
        + FakeBotApi.BOT_USERNAME)));
    assertEquals("/ask is it safe?", askText(Updates.groupMention(-5, 2, "B",
        "is it @" + FakeBotApi.BOT_USERNAME + " safe?")));
    UpdateRouter.Routed staff = route(Updates.groupText(-5, 2, "B", "/logs@"
        + FakeBotApi.BOT_USERNAME));
    assertInstanceOf(UpdateRouter.Notice.class, staff);
    assertEquals(UpdateRouter.PRIVATE_ONLY, ((UpdateRouter.Notice) staff).text());
    // a mention of a different account, spelled alike, is not a mention of the bot
    ObjectNode other = Updates.groupMention(-5, 2, "B", "@" + FakeBotApi.BOT_USERNAME + "2 hi");
    ((ObjectNode) other.get("message").get("entities").get(0))
        .put("length", FakeBotApi.BOT_USERNAME.length() + 2);
    assertInstanceOf(UpdateRouter.Ignore.class, route(other));
  }

  @Test
  void groupPolicyFollowsTheCatalogueScope() throws Exception {
    // a command added to the catalogue only: usable in groups or sent to the private chat by scope
    java.util.List<faqbot.core.Command> more = new java.util.ArrayList<>(
        faqbot.core.CommandCatalogue.STANDARD.all());
    more.add(new faqbot.core.Command("hours", "Opening hours", faqbot.core.Role.PATIENT));
    more.add(new faqbot.core.Command("mine", "Your own data", faqbot.core.Role.PATIENT).privately());
    UpdateRouter withMore = new UpdateRouter(FakeBotApi.BOT_ID, FakeBotApi.BOT_USERNAME,
        new CallbackCodec(new Secrets("1:router-test-token-abc")), id -> null,
        new faqbot.core.CommandCatalogue(more));
    ObjectNode hours = Updates.groupText(-5, 2, "B", "/hours@" + FakeBotApi.BOT_USERNAME);
    hours.put("update_id", 1);
    UpdateRouter.Routed r = withMore.route(JSON.treeToValue(hours, Update.class));
    assertEquals("/hours", ((UpdateRouter.Ask) r).message().text());
    ObjectNode mine = Updates.groupText(-5, 2, "B", "/mine@" + FakeBotApi.BOT_USERNAME);
    mine.put("update_id", 2);
    assertInstanceOf(UpdateRouter.Notice.class, withMore.route(JSON.treeToValue(mine, Update.class)));
    // /forget is the catalogue's private command: a group gets the pointer, not the core
    assertInstanceOf(UpdateRouter.Notice.class, route(Updates.groupText(-5, 2, "B",
        "/forget@" + FakeBotApi.BOT_USERNAME)));
  }

  @Test
  void textMentionByUserIdCounts() throws Exception {
    ObjectNode update = Updates.groupText(-5, 2, "B", "Health FAQ what is sciatica");
    ObjectNode entity = ((ObjectNode) update.get("message")).putArray("entities").addObject();
    entity.put("type", "text_mention");
    entity.put("offset", 0);
    entity.put("length", "Health FAQ".length());
    entity.set("user", JSON.createObjectNode().put("id", FakeBotApi.BOT_ID).put("is_bot", true)
        .put("first_name", "Health FAQ"));
    assertEquals("/ask what is sciatica", askText(update));
  }

  @Test
  void aCaptionIsTheMessageAndOnlyAFileWithoutOneGetsTheTextOnlyHint() throws Exception {
    ObjectNode photo = Updates.privateDocument(6, "F");
    ((ObjectNode) photo.get("message")).put("caption", "I can't breathe and my chest hurts");
    assertEquals("I can't breathe and my chest hurts", askText(photo));

    ObjectNode inGroup = Updates.groupText(-5, 6, "F", "x");
    ObjectNode m = (ObjectNode) inGroup.get("message");
    m.remove("text");
    String caption = "@" + FakeBotApi.BOT_USERNAME + " is this rash serious?";
    m.put("caption", caption);
    ObjectNode mention = m.putArray("caption_entities").addObject();
    mention.put("type", "mention").put("offset", 0).put("length", FakeBotApi.BOT_USERNAME.length() + 1);
    assertEquals("/ask is this rash serious?", askText(inGroup));

    UpdateRouter.Routed bare = route(Updates.privatePhoto(6, "F"));
    assertInstanceOf(UpdateRouter.Notice.class, bare);
    assertEquals(UpdateRouter.TEXT_ONLY, ((UpdateRouter.Notice) bare).text());

    // a document goes to the core with its caption; the router fetches nothing itself
    UpdateRouter.Routed doc = route(Updates.privateDocument(6, "F", "BQdoc", "page.txt", 1234,
        null));
    faqbot.core.IncomingMessage asked = ((UpdateRouter.Ask) doc).message();
    assertEquals("page.txt", asked.file().name());
    assertEquals(1234, asked.file().size());
    assertEquals(UpdateRouter.MAX_DOWNLOAD_BYTES, asked.file().maxBytes());
    assertEquals("", asked.text());
    assertEquals(0, downloads.get());
  }

  @Test
  void botsAndChannelsAreIgnored() throws Exception {
    ObjectNode fromBot = Updates.privateText(3, "C", "ping");
    ((ObjectNode) fromBot.get("message").get("from")).put("is_bot", true);
    assertInstanceOf(UpdateRouter.Ignore.class, route(fromBot));
    ObjectNode channel = Updates.groupText(-7, 3, "C", "/ask x");
    ((ObjectNode) channel.get("message").get("chat")).put("type", "channel");
    assertInstanceOf(UpdateRouter.Ignore.class, route(channel));
  }

  @Test
  void callbackWithoutMessageIsAnsweredNotRouted() throws Exception {
    ObjectNode update = Updates.callback(Updates.user(4, "D"), Updates.privateChat(4, "D"), 1,
        "f:1|x");
    ((ObjectNode) update.get("callback_query")).remove("message");
    UpdateRouter.Routed r = route(update);
    assertInstanceOf(UpdateRouter.Toast.class, r);
  }
}

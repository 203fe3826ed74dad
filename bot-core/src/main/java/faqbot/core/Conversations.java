package faqbot.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faqbot.knowledge.Entry;
import faqbot.knowledge.EntryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-user conversation state: actions waiting for a confirm button, guided add flows, and the
 * files of previewed imports. Keyed by the pseudonymous user key, so users never see each other's
 * state. Kept in the {@link ConversationStore} (the core's database), so that a moderator's next
 * message or button press may be handled by another replica, or by this one after a restart.
 * A {@link Flow} is a copy: a handler that changes it {@linkplain #save saves} it.
 */
final class Conversations {
  static final long TTL_MILLIS = 30 * 60_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Something a confirm button will do. */
  sealed interface Action permits Forget, AddEntries, PublishAnswer, FinishPaste, ImportFiles {}

  /** Delete everything stored about the user. */
  record Forget() implements Action {}

  /** Publish these entries (a previewed add or paste). */
  record AddEntries(List<Entry> entries, String how) implements Action {
    AddEntries {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Publish a moderator's answer to a queued question, closing the item in the same step.
   *
   * @param asked the queued question's text (for the audit line and the notification)
   * @param pendingEntryId the question-only entry it publishes, or null for a new entry
   */
  record PublishAnswer(long queueId, String asked, Long pendingEntryId, String title,
      String answer) implements Action {}

  /** End the paste session and preview the page collected so far. */
  record FinishPaste() implements Action {}

  /**
   * Import a file a moderator sent, previewed; its bytes are the stored upload {@code upload}
   * ({@link #keepUpload}), deleted when the action is done or dropped.
   */
  record ImportFiles(String upload, String sent) implements Action {}

  /** Where a guided flow is. */
  enum Step { QUESTION, ANSWER, DOCTOR, SPECIALTY, PASTE, ANSWER_TITLE }

  /** A guided add in progress. */
  static final class Flow {
    Step step;
    String question;
    String answer;
    String doctor;
    String specialty;
    /** A paste session: the parts received so far, joined. */
    final StringBuilder page = new StringBuilder();
    int parts;
    /** The confirm token the flow's latest buttons carry, withdrawn when they are replaced. */
    String token;
    /** An answer being previewed (step ANSWER_TITLE): the next message is its new title. */
    PublishAnswer answerDraft;

    Flow(Step step) {
      this.step = step;
    }
  }

  private final Clock clock;
  private final ConversationStore store;
  private volatile long sweptAt;

  Conversations(Clock clock, ConversationStore store) {
    this.clock = clock;
    this.store = store;
  }

  /** At most once a minute per process: the expired rows of every replica go. */
  private void sweep(long now) {
    if (now - sweptAt < 60_000) {
      return;
    }
    sweptAt = now;
    store.deleteExpired(now);
  }

  /** An action dropped unused (expired, withdrawn, cancelled): frees what it held. */
  private void dropped(Action action) {
    if (action instanceof ImportFiles files) {
      store.removeUpload(files.upload());
    }
  }

  /** Withdraws a token's action unused (its buttons were replaced); null tokens are ignored. */
  void withdraw(String token) {
    if (token != null) {
      ConversationStore.Pending p = store.removePending(token);
      if (p != null) {
        dropped(read(p.action()));
      }
    }
  }

  /** Registers an action for the user's confirm button and returns its token. */
  String offer(String userKey, Action action) {
    long now = clock.millis();
    sweep(now);
    String token = Payloads.newToken();
    store.putPending(token, userKey, write(action), now + TTL_MILLIS);
    return token;
  }

  /**
   * The action behind a token, removed; null when the token is unknown, expired, or another
   * user's (a forwarded or forged button).
   */
  Action take(String token, String userKey) {
    ConversationStore.Pending p = store.takePending(token, userKey);
    if (p == null) {
      return null;
    }
    Action a = read(p.action());
    if (p.expires() < clock.millis()) {
      dropped(a);
      return null;
    }
    return a;
  }

  /** The user's flow, a copy; null when there is none or it expired. */
  Flow flow(String userKey) {
    String json = store.flow(userKey, clock.millis());
    return json == null ? null : readFlow(json);
  }

  void start(String userKey, Flow flow) {
    long now = clock.millis();
    sweep(now);
    save(userKey, flow);
  }

  /** Stores the flow as it is now; its 30 minutes start again. */
  void save(String userKey, Flow flow) {
    store.putFlow(userKey, writeFlow(flow), clock.millis() + TTL_MILLIS);
  }

  void end(String userKey) {
    store.removeFlow(userKey);
  }

  /** Drops the user's flow and pending confirmations; true if there was any. */
  boolean cancelAll(String userKey) {
    boolean had = store.removeFlow(userKey);
    for (ConversationStore.Pending p : store.removePendingOf(userKey)) {
      dropped(read(p.action()));
      had = true;
    }
    return had;
  }

  /**
   * What a patient's last answer was about, so that a follow-up ("is it contagious?", "what about
   * children?", "more") can be read with it. Kept 30 minutes like the rest of the state, and
   * deleted by /forget: it says what someone asked about.
   *
   * @param entryId the entry shown
   * @param name what to search a follow-up with: the entry's medical focus, else its title
   */
  record Topic(long entryId, String name) {}

  void rememberTopic(String userKey, Topic topic) {
    long now = clock.millis();
    sweep(now);
    ObjectNode n = JSON.createObjectNode();
    n.put("entryId", topic.entryId());
    n.put("name", topic.name());
    store.putTopic(userKey, n.toString(), now + TTL_MILLIS);
  }

  /** The user's topic; null when there is none or it expired. */
  Topic topic(String userKey) {
    String json = store.topic(userKey, clock.millis());
    if (json == null) {
      return null;
    }
    JsonNode n = parse(json);
    return new Topic(n.path("entryId").asLong(), n.path("name").asText());
  }

  void forgetTopic(String userKey) {
    store.removeTopic(userKey);
  }

  /**
   * Keeps the bytes of a file sent for import in the store until its confirmation is pressed,
   * cancelled or expires, whichever replica that happens on; returns the upload's id.
   */
  String keepUpload(String userKey, Path file) throws IOException {
    String id = Payloads.newToken();
    // a little longer than the confirmation: pressed in its last second, the bytes are still there
    store.putUpload(id, userKey, file, clock.millis() + TTL_MILLIS + 30_000);
    return id;
  }

  /** The bytes of an upload; null when it is gone. */
  byte[] upload(String id) {
    return store.upload(id);
  }

  void removeUpload(String id) {
    store.removeUpload(id);
  }

  // ---- the state as JSON ---------------------------------------------------------------------

  static String write(Action action) {
    ObjectNode n = JSON.createObjectNode();
    if (action instanceof Forget) {
      n.put("type", "forget");
    } else if (action instanceof FinishPaste) {
      n.put("type", "finish-paste");
    } else if (action instanceof AddEntries a) {
      n.put("type", "add-entries");
      n.put("how", a.how());
      ArrayNode entries = n.putArray("entries");
      for (Entry e : a.entries()) {
        entries.add(EntryJson.write(e));
      }
    } else if (action instanceof PublishAnswer a) {
      n.put("type", "publish-answer");
      answer(n, a);
    } else if (action instanceof ImportFiles f) {
      n.put("type", "import-files");
      n.put("upload", f.upload());
      n.put("sent", f.sent());
    }
    return n.toString();
  }

  static Action read(String json) {
    JsonNode n = parse(json);
    return switch (n.path("type").asText()) {
      case "forget" -> new Forget();
      case "finish-paste" -> new FinishPaste();
      case "add-entries" -> {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : n.path("entries")) {
          entries.add(EntryJson.read(e.asText()));
        }
        yield new AddEntries(entries, n.path("how").asText());
      }
      case "publish-answer" -> answer(n);
      case "import-files" -> new ImportFiles(n.path("upload").asText(), n.path("sent").asText());
      default -> throw new IllegalArgumentException("not a conversation action: " + json);
    };
  }

  private static void answer(ObjectNode n, PublishAnswer a) {
    n.put("queueId", a.queueId());
    n.put("asked", a.asked());
    if (a.pendingEntryId() != null) {
      n.put("pendingEntryId", a.pendingEntryId());
    }
    n.put("title", a.title());
    n.put("answer", a.answer());
  }

  private static PublishAnswer answer(JsonNode n) {
    return new PublishAnswer(n.path("queueId").asLong(), text(n, "asked"),
        n.hasNonNull("pendingEntryId") ? n.get("pendingEntryId").asLong() : null,
        text(n, "title"), text(n, "answer"));
  }

  static String writeFlow(Flow f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("step", f.step.name());
    n.put("question", f.question);
    n.put("answer", f.answer);
    n.put("doctor", f.doctor);
    n.put("specialty", f.specialty);
    n.put("page", f.page.toString());
    n.put("parts", f.parts);
    n.put("token", f.token);
    if (f.answerDraft != null) {
      answer(n.putObject("answerDraft"), f.answerDraft);
    }
    return n.toString();
  }

  static Flow readFlow(String json) {
    JsonNode n = parse(json);
    Flow f = new Flow(Step.valueOf(n.path("step").asText()));
    f.question = text(n, "question");
    f.answer = text(n, "answer");
    f.doctor = text(n, "doctor");
    f.specialty = text(n, "specialty");
    f.page.append(n.path("page").asText(""));
    f.parts = n.path("parts").asInt();
    f.token = text(n, "token");
    f.answerDraft = n.hasNonNull("answerDraft") ? answer(n.get("answerDraft")) : null;
    return f;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable conversation state", e);
    }
  }
}

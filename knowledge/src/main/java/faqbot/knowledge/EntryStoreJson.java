package faqbot.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The store's internal JSON form of an entry: revision snapshots, the copy kept in the index, and
 * list columns. Deliberately separate from the JSONL export format (JsonlCodec): revisions written
 * today must stay readable whatever the export format becomes. Keys are the column names.
 */
final class EntryStoreJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EntryStoreJson() {}

  static String toJson(Entry e) {
    return write(toNode(e, true));
  }

  static Entry fromJson(String json) {
    JsonNode n = read(json);
    return Entry.builder(Entry.Kind.valueOf(n.path("kind").asText()))
        .id(n.path("id").asLong())
        .status(Entry.Status.valueOf(n.path("status").asText()))
        .title(text(n, "title"))
        .question(text(n, "question"))
        .askerDescription(text(n, "asker_description"))
        .askDate(date(text(n, "ask_date")))
        .doctorName(text(n, "doctor_name"))
        .specialty(text(n, "specialty"))
        .reply(text(n, "reply"))
        .replyDate(date(text(n, "reply_date")))
        .moreInfo(text(n, "more_info"))
        .relatedTopics(list(n.path("related_topics")))
        .similarQuestions(list(n.path("similar_questions")))
        .atAGlance(list(n.path("at_a_glance")))
        .quickTake(text(n, "quick_take"))
        .seoTitle(text(n, "seo_title"))
        .seoDescription(text(n, "seo_description"))
        .body(text(n, "body"))
        .focus(text(n, "focus"))
        .synonyms(list(n.path("synonyms")))
        .questionType(text(n, "question_type"))
        .alternativeQuestions(list(n.path("alternative_questions")))
        .source(new Source(text(n, "source_file"), text(n, "source_collection"),
            text(n, "source_url"), text(n, "external_id")))
        .created(instant(text(n, "created")))
        .updated(instant(text(n, "updated")))
        .build();
  }

  /**
   * Hash of what an import can change: every field except id, status and timestamps. Status is
   * compared separately because a moderator's deletion must survive a re-import.
   */
  static String contentHash(Entry e) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(write(toNode(e, false)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is always present", ex);
    }
  }

  static String listToJson(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return write(a);
  }

  static List<String> listFromJson(String json) {
    return json == null || json.isEmpty() ? List.of() : list(read(json));
  }

  private static ObjectNode toNode(Entry e, boolean withIdentityAndTimes) {
    ObjectNode n = MAPPER.createObjectNode();
    if (withIdentityAndTimes) {
      n.put("id", e.id());
      n.put("status", e.status().name());
      n.put("created", e.created() == null ? null : e.created().toString());
      n.put("updated", e.updated() == null ? null : e.updated().toString());
    }
    n.put("kind", e.kind().name());
    n.put("title", e.title());
    n.put("question", e.question());
    n.put("asker_description", e.askerDescription());
    n.put("ask_date", e.askDate() == null ? null : e.askDate().toString());
    n.put("doctor_name", e.doctorName());
    n.put("specialty", e.specialty());
    n.put("reply", e.reply());
    n.put("reply_date", e.replyDate() == null ? null : e.replyDate().toString());
    n.put("more_info", e.moreInfo());
    n.set("related_topics", array(e.relatedTopics()));
    n.set("similar_questions", array(e.similarQuestions()));
    n.set("at_a_glance", array(e.atAGlance()));
    n.put("quick_take", e.quickTake());
    n.put("seo_title", e.seoTitle());
    n.put("seo_description", e.seoDescription());
    n.put("body", e.body());
    n.put("focus", e.focus());
    n.set("synonyms", array(e.synonyms()));
    n.put("question_type", e.questionType());
    if (!e.alternativeQuestions().isEmpty()) {
      // only when there are some: hashes and snapshots of entries without them stay as they were
      n.set("alternative_questions", array(e.alternativeQuestions()));
    }
    n.put("source_file", e.source().file());
    n.put("source_collection", e.source().collection());
    n.put("source_url", e.source().url());
    n.put("external_id", e.source().externalId());
    return n;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static List<String> list(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a != null && a.isArray()) {
      a.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  static LocalDate date(String s) {
    return s == null ? null : LocalDate.parse(s);
  }

  static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException("corrupt entry JSON in the store", ex);
    }
  }
}

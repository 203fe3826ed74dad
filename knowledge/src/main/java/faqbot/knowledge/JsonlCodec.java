package faqbot.knowledge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Our export format: one JSON object per line holding every field of an {@link Entry}, the source
 * as a nested object, instants as ISO-8601 ({@code 2026-01-02T03:04:05Z}) and dates as
 * {@code YYYY-MM-DD}. Null fields and empty lists are left out, which reads back the same
 * (the record turns missing lists into empty ones). Unknown fields are ignored so that an older
 * build can read a newer export; {@code kind} and {@code source.externalId} are required.
 */
final class JsonlCodec {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // a key given twice would silently lose one value
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private JsonlCodec() {}

  /** The entry as one line of JSON, without the line end. */
  static String toJsonLine(Entry e) {
    return toJsonLine(e, List.of());
  }

  /**
   * The entry and its history (oldest first; left out when empty) as one line of JSON. Each
   * revision holds the entry as that change left it, in the same form without its id.
   */
  static String toJsonLine(Entry e, List<StoredRevision> history) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("id", e.id());
      fields(g, e);
      if (!history.isEmpty()) {
        g.writeArrayFieldStart("history");
        for (StoredRevision r : history) {
          g.writeStartObject();
          g.writeNumberField("revision", r.revision());
          g.writeStringField("change", r.change());
          g.writeStringField("actor", r.actor());
          g.writeStringField("at", r.at().toString());
          if (r.undoes() != null) {
            g.writeNumberField("undoes", r.undoes());
          }
          g.writeObjectFieldStart("entry");
          fields(g, r.entry());
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("writing to a string cannot fail", ex);
    }
    return out.toString();
  }

  private static void fields(JsonGenerator g, Entry e) throws IOException {
      g.writeStringField("kind", e.kind().name());
      g.writeStringField("status", e.status().name());
      g.writeStringField("title", e.title());
      string(g, "question", e.question());
      string(g, "askerDescription", e.askerDescription());
      string(g, "askDate", e.askDate() == null ? null : e.askDate().toString());
      string(g, "doctorName", e.doctorName());
      string(g, "specialty", e.specialty());
      string(g, "reply", e.reply());
      string(g, "replyDate", e.replyDate() == null ? null : e.replyDate().toString());
      string(g, "moreInfo", e.moreInfo());
      list(g, "relatedTopics", e.relatedTopics());
      list(g, "similarQuestions", e.similarQuestions());
      list(g, "atAGlance", e.atAGlance());
      string(g, "quickTake", e.quickTake());
      string(g, "seoTitle", e.seoTitle());
      string(g, "seoDescription", e.seoDescription());
      string(g, "body", e.body());
      string(g, "focus", e.focus());
      list(g, "synonyms", e.synonyms());
      string(g, "questionType", e.questionType());
      list(g, "alternativeQuestions", e.alternativeQuestions());
      g.writeObjectFieldStart("source");
      string(g, "file", e.source().file());
      string(g, "collection", e.source().collection());
      string(g, "url", e.source().url());
      g.writeStringField("externalId", e.source().externalId());
      g.writeEndObject();
      string(g, "created", e.created() == null ? null : e.created().toString());
      string(g, "updated", e.updated() == null ? null : e.updated().toString());
  }

  /**
   * Reads one line written by {@link #toJsonLine}.
   *
   * @throws ParseException at "line {@code lineNo}" of {@code document} when the line is not a
   *     JSON object, a field has the wrong type or value, or kind or source.externalId is missing
   */
  static Entry fromJsonLine(String line, String document, int lineNo) throws ParseException {
    return parseLine(line, document, lineNo).entry();
  }

  /** A line: the entry and the history it carries (empty when none). */
  record Line(Entry entry, List<StoredRevision> history) {}

  static Line parseLine(String line, String document, int lineNo) throws ParseException {
    Reader r = new Reader(document, lineNo, "");
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw r.error("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw r.error("expected a JSON object {...}");
    }
    Entry entry = entry(node, r);
    JsonNode h = node.get("history");
    if (h == null || h.isNull()) {
      return new Line(entry, List.of());
    }
    if (!h.isArray()) {
      throw r.error("field \"history\" must be an array of revisions");
    }
    List<StoredRevision> history = new ArrayList<>(h.size());
    int last = 0;
    for (int i = 0; i < h.size(); i++) {
      JsonNode rev = h.get(i);
      Reader hr = new Reader(document, lineNo, "history[" + i + "].");
      if (!rev.isObject()) {
        throw hr.error("each revision in \"history\" must be an object");
      }
      JsonNode num = rev.get("revision");
      if (num == null || !num.canConvertToExactIntegral() || num.asInt() <= last) {
        throw hr.error("field \"history[" + i + "].revision\" must be a whole number above "
            + last + " (revisions in increasing order)");
      }
      int revision = num.asInt();
      last = revision;
      JsonNode undoesNode = rev.get("undoes");
      Integer undoes = null;
      if (undoesNode != null && !undoesNode.isNull()) {
        if (!undoesNode.canConvertToExactIntegral() || undoesNode.asInt() < 1
            || undoesNode.asInt() >= revision) {
          throw hr.error("field \"history[" + i + "].undoes\" must name an earlier revision");
        }
        undoes = undoesNode.asInt();
      }
      String change = hr.string(rev, "change");
      String actor = hr.string(rev, "actor");
      Instant at = hr.instant(rev, "at");
      if (change == null || actor == null || at == null) {
        throw hr.error("a revision needs \"change\", \"actor\" and \"at\"");
      }
      JsonNode snapshot = rev.get("entry");
      if (snapshot == null || !snapshot.isObject()) {
        throw hr.error("field \"history[" + i + "].entry\" must be the entry as this change left it");
      }
      Reader er = new Reader(document, lineNo, "history[" + i + "].entry.");
      history.add(new StoredRevision(revision, change, actor, at, undoes, entry(snapshot, er)));
    }
    return new Line(entry, List.copyOf(history));
  }

  private static Entry entry(JsonNode node, Reader r) throws ParseException {
    JsonNode sourceNode = node.get("source");
    if (sourceNode == null || sourceNode.isNull()) {
      throw r.error("missing required field \"" + r.prefix + "source\" (with \"externalId\")");
    }
    if (!sourceNode.isObject()) {
      throw r.error("field \"" + r.prefix + "source\" must be an object");
    }
    String externalId = r.string(sourceNode, "source.externalId");
    if (externalId == null || externalId.isBlank()) {
      throw r.error("missing required field \"" + r.prefix + "source.externalId\"");
    }
    Source source = new Source(r.string(sourceNode, "source.file"),
        r.string(sourceNode, "source.collection"), r.string(sourceNode, "source.url"),
        externalId);

    String kind = r.string(node, "kind");
    if (kind == null) {
      throw r.error("missing required field \"" + r.prefix + "kind\"");
    }
    Entry.Builder b = Entry.builder(r.enumValue(Entry.Kind.class, "kind", kind))
        .id(r.id(node))
        .title(r.string(node, "title"))
        .question(r.string(node, "question"))
        .askerDescription(r.string(node, "askerDescription"))
        .askDate(r.date(node, "askDate"))
        .doctorName(r.string(node, "doctorName"))
        .specialty(r.string(node, "specialty"))
        .reply(r.string(node, "reply"))
        .replyDate(r.date(node, "replyDate"))
        .moreInfo(r.string(node, "moreInfo"))
        .relatedTopics(r.list(node, "relatedTopics"))
        .similarQuestions(r.list(node, "similarQuestions"))
        .atAGlance(r.list(node, "atAGlance"))
        .quickTake(r.string(node, "quickTake"))
        .seoTitle(r.string(node, "seoTitle"))
        .seoDescription(r.string(node, "seoDescription"))
        .body(r.string(node, "body"))
        .focus(r.string(node, "focus"))
        .synonyms(r.list(node, "synonyms"))
        .questionType(r.string(node, "questionType"))
        .alternativeQuestions(r.list(node, "alternativeQuestions"))
        .source(source)
        .created(r.instant(node, "created"))
        .updated(r.instant(node, "updated"));
    String status = r.string(node, "status");
    if (status != null) {
      b.status(r.enumValue(Entry.Status.class, "status", status));
      return b.build();
    }
    // a hand-written line without a status: publish only what has an answer to show
    Entry draft = b.build();
    return draft.toBuilder().status(draft.answerText().isBlank()
        ? Entry.Status.PENDING : Entry.Status.PUBLISHED).build();
  }

  /** A whole JSONL document: blank lines ignored, external ids unique within the document. */
  static ParsedDocument parseDocument(String document, String text) throws ParseException {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> firstLine = new HashMap<>();
    try (LineSource source = new LineSource(document,
        new java.io.ByteArrayInputStream(Parsers.stripBom(text).getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
      for (Entry e = source.next(); e != null; e = source.next()) {
        String earlier = firstLine.putIfAbsent(e.source().externalId(), source.location());
        if (earlier != null) {
          throw new ParseException(document, source.location(), "duplicate externalId \""
              + e.source().externalId() + "\" (first on " + earlier + ")");
        }
        entries.add(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
    return new ParsedDocument(document, Format.JSONL, entries, List.of());
  }

  /**
   * A JSONL document read line by line: memory for one line at a time, whatever the file's
   * size. Duplicate external ids are the store's to find ({@link EntryStore#importEntries}).
   */
  static final class LineSource implements EntrySource {
    private final String document;
    private final java.io.InputStream in;
    private final TextInput.Lines lines;
    private boolean any;
    private List<StoredRevision> history = List.of();

    LineSource(String document, java.io.InputStream in) {
      this.document = document;
      this.in = in;
      this.lines = new TextInput.Lines(in);
    }

    @Override
    public String document() {
      return document;
    }

    @Override
    public Format format() {
      return Format.JSONL;
    }

    @Override
    public Entry next() throws ParseException, IOException {
      while (true) {
        String line;
        try {
          line = lines.next();
        } catch (TextInput.LineTooLong e) {
          throw new ParseException(document, "line " + e.line, e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new ParseException(document, "line " + lines.number(),
              "not UTF-8 text (save the file as UTF-8)");
        }
        if (line == null) {
          if (!any) {
            throw new ParseException(document, "line 1", "the document is empty");
          }
          return null;
        }
        if (!line.isBlank()) {
          any = true;
          Line parsed = parseLine(line, document, lines.number());
          history = parsed.history();
          return parsed.entry();
        }
      }
    }

    @Override
    public String location() {
      return "line " + lines.number();
    }

    @Override
    public List<StoredRevision> history() {
      return history;
    }

    @Override
    public List<String> skipped() {
      return List.of();
    }

    @Override
    public int skippedCount() {
      return 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static void string(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static void list(JsonGenerator g, String field, List<String> values) throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(field);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  /** Field readers that report problems at one line of one document. */
  private static final class Reader {
    private final String document;
    private final int lineNo;
    /** Where the object read sits in the line ("history[2].entry."), for messages. */
    private final String prefix;

    Reader(String document, int lineNo, String prefix) {
      this.document = document;
      this.lineNo = lineNo;
      this.prefix = prefix;
    }

    ParseException error(String problem) {
      return new ParseException(document, "line " + lineNo, problem);
    }

    ParseException error(String problem, Throwable cause) {
      return new ParseException(document, "line " + lineNo, problem, cause);
    }

    /** {@code path} is "name" or "source.name"; the node is the object holding the field. */
    String string(JsonNode object, String path) throws ParseException {
      JsonNode v = object.get(path.substring(path.indexOf('.') + 1));
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw error("field \"" + prefix + path + "\" must be a string, not " + v.getNodeType());
      }
      return v.textValue();
    }

    List<String> list(JsonNode object, String field) throws ParseException {
      JsonNode v = object.get(field);
      if (v == null || v.isNull()) {
        return List.of();
      }
      if (!v.isArray()) {
        throw error("field \"" + prefix + field + "\" must be an array of strings");
      }
      List<String> out = new ArrayList<>(v.size());
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          throw error("field \"" + prefix + field + "\" must be an array of strings, found "
              + item.getNodeType());
        }
        out.add(item.textValue());
      }
      return out;
    }

    long id(JsonNode object) throws ParseException {
      JsonNode v = object.get("id");
      if (v == null || v.isNull()) {
        return 0;
      }
      if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
        throw error("field \"id\" must be a whole number >= 0, not " + v);
      }
      return v.asLong();
    }

    LocalDate date(JsonNode object, String field) throws ParseException {
      String s = string(object, field);
      try {
        return s == null ? null : LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw error("field \"" + prefix + field + "\" must be a date YYYY-MM-DD, not \"" + s + "\"", e);
      }
    }

    Instant instant(JsonNode object, String field) throws ParseException {
      String s = string(object, field);
      try {
        return s == null ? null : Instant.parse(s);
      } catch (DateTimeParseException e) {
        throw error("field \"" + prefix + field + "\" must be an ISO-8601 instant such as"
            + " 2026-01-02T03:04:05Z, not \"" + s + "\"", e);
      }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, String field, String value)
        throws ParseException {
      try {
        return Enum.valueOf(type, value);
      } catch (IllegalArgumentException e) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name)
            .collect(Collectors.joining(", "));
        throw error("field \"" + prefix + field + "\" is \"" + value + "\", expected one of " + allowed, e);
      }
    }
  }
}

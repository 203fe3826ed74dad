package faqbot.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One knowledge-base entry: a doctor Q&amp;A page or a health article.
 *
 * <p>Kind-specific fields are empty (null or empty list) for the other kind. Immutable; use
 * {@link #toBuilder()} to derive a changed copy. {@code id} is 0 until the store assigns one.
 */
public record Entry(
    long id,
    Kind kind,
    Status status,
    String title,
    // Q&A
    String question,
    String askerDescription,
    LocalDate askDate,
    String doctorName,
    String specialty,
    String reply,
    LocalDate replyDate,
    String moreInfo,
    List<String> relatedTopics,
    List<String> similarQuestions,
    // article
    List<String> atAGlance,
    String quickTake,
    String seoTitle,
    String seoDescription,
    String body,
    // collection metadata (MedQuAD): medical focus, its synonyms, question type such as "treatment"
    String focus,
    List<String> synonyms,
    String questionType,
    // phrasings patients used for this entry's question, added by moderators (/link, /alt):
    // searched like the question, shown nowhere
    List<String> alternativeQuestions,
    Source source,
    Instant created,
    Instant updated) {

  public enum Kind { QA, ARTICLE }

  /** PENDING: a question with no reviewed answer; matchable, never shown as an answer. */
  public enum Status { PUBLISHED, PENDING, DELETED }

  public Entry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    title = title == null ? "" : title;
    relatedTopics = List.copyOf(relatedTopics == null ? List.of() : relatedTopics);
    similarQuestions = List.copyOf(similarQuestions == null ? List.of() : similarQuestions);
    atAGlance = List.copyOf(atAGlance == null ? List.of() : atAGlance);
    synonyms = List.copyOf(synonyms == null ? List.of() : synonyms);
    alternativeQuestions =
        List.copyOf(alternativeQuestions == null ? List.of() : alternativeQuestions);
  }

  public boolean isAnswerable() {
    return status == Status.PUBLISHED;
  }

  /** The text a patient is shown as the answer: the doctor's reply, or the article body. */
  public String answerText() {
    return kind == Kind.QA ? nullToEmpty(reply) : nullToEmpty(body);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public static Builder builder(Kind kind) {
    return new Builder().kind(kind);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id; b.kind = kind; b.status = status; b.title = title; b.question = question;
    b.askerDescription = askerDescription; b.askDate = askDate; b.doctorName = doctorName;
    b.specialty = specialty; b.reply = reply; b.replyDate = replyDate; b.moreInfo = moreInfo;
    b.relatedTopics = relatedTopics; b.similarQuestions = similarQuestions; b.atAGlance = atAGlance;
    b.quickTake = quickTake; b.seoTitle = seoTitle; b.seoDescription = seoDescription; b.body = body;
    b.focus = focus; b.synonyms = synonyms; b.questionType = questionType;
    b.alternativeQuestions = alternativeQuestions; b.source = source;
    b.created = created; b.updated = updated;
    return b;
  }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private long id;
    private Kind kind;
    private Status status = Status.PUBLISHED;
    private String title;
    private String question;
    private String askerDescription;
    private LocalDate askDate;
    private String doctorName;
    private String specialty;
    private String reply;
    private LocalDate replyDate;
    private String moreInfo;
    private List<String> relatedTopics = List.of();
    private List<String> similarQuestions = List.of();
    private List<String> atAGlance = List.of();
    private String quickTake;
    private String seoTitle;
    private String seoDescription;
    private String body;
    private String focus;
    private List<String> synonyms = List.of();
    private String questionType;
    private List<String> alternativeQuestions = List.of();
    private Source source;
    private Instant created;
    private Instant updated;

    private Builder() {}

    public Builder id(long v) { id = v; return this; }
    public Builder kind(Kind v) { kind = v; return this; }
    public Builder status(Status v) { status = v; return this; }
    public Builder title(String v) { title = v; return this; }
    public Builder question(String v) { question = v; return this; }
    public Builder askerDescription(String v) { askerDescription = v; return this; }
    public Builder askDate(LocalDate v) { askDate = v; return this; }
    public Builder doctorName(String v) { doctorName = v; return this; }
    public Builder specialty(String v) { specialty = v; return this; }
    public Builder reply(String v) { reply = v; return this; }
    public Builder replyDate(LocalDate v) { replyDate = v; return this; }
    public Builder moreInfo(String v) { moreInfo = v; return this; }
    public Builder relatedTopics(List<String> v) { relatedTopics = v; return this; }
    public Builder similarQuestions(List<String> v) { similarQuestions = v; return this; }
    public Builder atAGlance(List<String> v) { atAGlance = v; return this; }
    public Builder quickTake(String v) { quickTake = v; return this; }
    public Builder seoTitle(String v) { seoTitle = v; return this; }
    public Builder seoDescription(String v) { seoDescription = v; return this; }
    public Builder body(String v) { body = v; return this; }
    public Builder focus(String v) { focus = v; return this; }
    public Builder synonyms(List<String> v) { synonyms = v; return this; }
    public Builder questionType(String v) { questionType = v; return this; }
    public Builder alternativeQuestions(List<String> v) { alternativeQuestions = v; return this; }
    public Builder source(Source v) { source = v; return this; }
    public Builder created(Instant v) { created = v; return this; }
    public Builder updated(Instant v) { updated = v; return this; }

    public Entry build() {
      return new Entry(id, kind, status, title, question, askerDescription, askDate, doctorName,
          specialty, reply, replyDate, moreInfo, relatedTopics, similarQuestions, atAGlance,
          quickTake, seoTitle, seoDescription, body, focus, synonyms, questionType,
          alternativeQuestions, source,
          created, updated);
    }
  }
}

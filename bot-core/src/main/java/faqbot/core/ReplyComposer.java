package faqbot.core;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns entries into reply parts. All text stays plain: adapters escape it. */
final class ReplyComposer {
  /** Adapters split too; keeping replies under this leaves room for their markup. */
  static final int MAX_REPLY_CHARS = 3_500;

  private ReplyComposer() {}

  /**
   * Titles made, by entry object: a MedQuAD title is re-cased from evidence in the whole answer
   * (a twentieth of a turn's CPU), and the search hands out the same entry objects again while
   * they are in its cache. Keyed by identity, so an entry changed since is a new key.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<Entry, String> TITLES =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(4096)
          .executor(Runnable::run).build();

  /** The entry's title as a patient sees it (see {@link Titles}); the stored one is unchanged. */
  static String title(Entry e) {
    return TITLES.get(e, ReplyComposer::makeTitle);
  }

  private static String makeTitle(Entry e) {
    if (!e.title().isBlank()) {
      return Titles.of(e, e.title());
    }
    if (e.question() != null && !e.question().isBlank()) {
      return Titles.of(e, Texts.oneLine(e.question(), 120));
    }
    return "Entry #" + e.id();
  }

  /** Entries moderators added in chat, or questions they answered: see GuidedFlows and QueueAnswers. */
  static final String MODERATOR_COLLECTION = "moderator";
  private static final String MEDQUAD_PREFIX = "MedQuAD/";
  /**
   * MedQuAD's collections (the documents' {@code source} attribute, folders 1_CancerGov_QA to
   * 12_MPlusHerbsSupplements_QA) by the organisation a patient knows.
   */
  private static final Map<String, String> MEDQUAD_SOURCES = Map.ofEntries(
      Map.entry("CancerGov", "National Cancer Institute (NIH)"),
      Map.entry("GARD", "GARD (NIH)"),
      Map.entry("GHR", "Genetics Home Reference (NIH)"),
      Map.entry("MPlusHealthTopics", "MedlinePlus (NIH)"),
      Map.entry("NIDDK", "NIDDK (NIH)"),
      Map.entry("NINDS", "NINDS (NIH)"),
      Map.entry("NIHSeniorHealth", "NIHSeniorHealth"),
      Map.entry("NHLBI", "NHLBI (NIH)"),
      Map.entry("CDC", "CDC"),
      Map.entry("ADAM", "MedlinePlus (NIH)"),
      Map.entry("MPlusDrugs", "MedlinePlus (NIH)"),
      Map.entry("MPlusHerbsSupplements", "MedlinePlus (NIH)"));

  /**
   * Who stands behind the answer, so a patient can weigh it: "Dr. Zhan Xian, Orthopedics,
   * replied 2020-05-31" for a doctor's reply; "From NIDDK (NIH), https://..." for MedQuAD;
   * "Reviewed by a moderator" only where a moderator wrote or published the entry.
   */
  static String attribution(Entry e) {
    if (e.doctorName() != null && !e.doctorName().isBlank()) {
      String name = e.doctorName().strip();
      StringBuilder sb = new StringBuilder(name.matches("(?i)^dr\\b.*") ? name : "Dr. " + name);
      if (e.specialty() != null && !e.specialty().isBlank()) {
        sb.append(", ").append(e.specialty().strip());
      }
      if (e.replyDate() != null) {
        sb.append(", replied ").append(e.replyDate());
      }
      return sb.toString();
    }
    Source s = e.source();
    String collection = s.collection() == null ? "" : s.collection().strip();
    boolean article = e.kind() == Entry.Kind.ARTICLE;
    StringBuilder sb = new StringBuilder();
    if (collection.equals(MODERATOR_COLLECTION)) {
      sb.append(article ? "Health article, reviewed by a moderator" : "Reviewed by a moderator");
    } else if (isMedquad(e)) {
      String key = collection.substring(MEDQUAD_PREFIX.length());
      sb.append("From ").append(MEDQUAD_SOURCES.getOrDefault(key, key));
    } else if (article) {
      sb.append("Health article");
    } else {
      // "seed" or an unknown collection names nothing a patient could look up
      sb.append("From the bot's knowledge base");
    }
    if (s.url() != null && !s.url().isBlank()) {
      sb.append(", ").append(s.url().strip());
    }
    if (e.replyDate() != null) {
      sb.append(", ").append(e.replyDate());
    }
    return sb.toString();
  }

  private static boolean isMedquad(Entry e) {
    String collection = e.source().collection();
    return collection != null && collection.strip().startsWith(MEDQUAD_PREFIX);
  }

  /** The short answer: heading, summary or quick take, attribution. No buttons, no disclaimer. */
  static List<Part> shortAnswer(Entry e) {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading(title(e)));
    String body;
    if (e.kind() == Entry.Kind.ARTICLE && e.quickTake() != null && !e.quickTake().isBlank()) {
      body = e.quickTake().strip();
    } else {
      body = Summarizer.summarize(e.answerText(), Summarizer.DEFAULT_MAX_CHARS, isMedquad(e));
    }
    parts.add(Part.paragraph(body.isEmpty()
        ? "The answer is too long to summarize here: use \"Read the full answer\" to see it."
        : body));
    parts.add(Part.attribution(attribution(e)));
    return parts;
  }

  /** Every part of the full answer: reply (or article) and More Info. */
  static List<Part> fullAnswer(Entry e) {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading(title(e)));
    if (e.kind() == Entry.Kind.ARTICLE) {
      for (String g : e.atAGlance()) {
        parts.add(Part.bullet(g));
      }
      if (e.quickTake() != null && !e.quickTake().isBlank()) {
        parts.add(Part.emphasis(e.quickTake().strip()));
      }
    }
    parts.add(Part.attribution(attribution(e)));
    paragraphs(Summarizer.withoutLabel(e.answerText()), parts);
    if (e.moreInfo() != null && !e.moreInfo().isBlank()) {
      parts.add(Part.heading("More information"));
      paragraphs(e.moreInfo(), parts);
    }
    return parts;
  }

  private static void paragraphs(String text, List<Part> into) {
    if (text == null) {
      return;
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        into.add(Part.paragraph(line.strip()));
      }
    }
  }

  /**
   * Packs parts into replies of at most {@link #MAX_REPLY_CHARS} characters of text each; a part
   * longer than that is cut where {@link TextSplit} cuts. The disclaimer goes last on the last
   * reply.
   */
  static List<Reply> split(List<Part> parts, Part disclaimer, boolean privateToAsker) {
    List<Part> all = new ArrayList<>(parts);
    all.add(disclaimer);
    return pack(all, MAX_REPLY_CHARS - disclaimer.text().length() - 10, privateToAsker);
  }

  /** Packs parts into replies, none longer than {@link #MAX_REPLY_CHARS}; no part longer than {@code pieceMax}. */
  static List<Reply> pack(List<Part> parts, int pieceMax, boolean privateToAsker) {
    List<Reply> out = new ArrayList<>();
    List<Part> current = new ArrayList<>();
    int size = 0;
    for (Part p : parts) {
      for (String chunk : p.text().length() <= pieceMax ? List.of(p.text()) : TextSplit.split(p.text(), pieceMax)) {
        int len = chunk.length() + 1;
        if (!current.isEmpty() && size + len > MAX_REPLY_CHARS) {
          out.add(new Reply(current, List.of(), privateToAsker, null));
          current = new ArrayList<>();
          size = 0;
        }
        current.add(new Part(p.style(), chunk));
        size += len;
      }
    }
    out.add(new Reply(current, List.of(), privateToAsker, null));
    return out;
  }
}

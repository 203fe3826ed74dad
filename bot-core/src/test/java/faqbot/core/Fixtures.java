package faqbot.core;

import faqbot.knowledge.Database;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.PostgresServer;
import faqbot.knowledge.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A small knowledge base written for the tests (our own words, not the seed pages). */
final class Fixtures {
  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  static final String CEMENT_REPLY = "Hello, an X-ray and a physical examination are needed "
      + "before anyone can say what causes your symptoms. "
      + "Cement leakage after balloon kyphoplasty happens in roughly one of ten procedures, and "
      + "most leaks cause no symptoms at all. "
      + "Leg numbness or weakness after the procedure can come from a nerve irritated by cement "
      + "that leaked near the spinal canal, but it can also come from the fracture itself. "
      + "An MRI or a CT scan shows where the cement went. "
      + "If the weakness gets worse, or you lose control of your bladder, go to an emergency "
      + "department at once. "
      + "Otherwise, please visit the spine clinic so the surgeon can examine you and compare the "
      + "new images with the ones taken before the operation.";

  long cementId;
  long kneeId;
  long articleId;
  long pendingId;

  /**
   * The tests' database: SQLite in the home, or with {@code -Dfaqbot.test.database=postgresql} a
   * fresh PostgreSQL database, so that the core's store tests run on both (bot-core's pom runs
   * them a second time that way).
   */
  static KnowledgeBase openKnowledge(Path home) throws IOException {
    return "postgresql".equals(System.getProperty("faqbot.test.database"))
        ? KnowledgeBase.open(home, PostgresServer.freshDatabase())
        : KnowledgeBase.open(home);
  }

  /** The tests' database alone (see {@link #openKnowledge}): a SQLite file in {@code dir}. */
  static Database openDatabase(Path dir) {
    return "postgresql".equals(System.getProperty("faqbot.test.database"))
        ? PostgresServer.freshDatabase() : Database.sqlite(dir.resolve("faqbot.db"));
  }

  KnowledgeBase open(Path home) throws IOException {
    KnowledgeBase kb = openKnowledge(home);
    cementId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Bone cement leakage after kyphoplasty and leg numbness")
        .question("I had balloon kyphoplasty for a T12 compression fracture and now my left leg "
            + "is numb. The X-ray shows cement leakage. Is this related?")
        .askerDescription("70~79 year old female")
        .askDate(LocalDate.of(2020, 5, 31))
        .doctorName("Lin Wei")
        .specialty("Orthopedics")
        .reply(CEMENT_REPLY)
        .replyDate(LocalDate.of(2020, 5, 31))
        .moreInfo("Bone cement leakage is a known complication of vertebroplasty and kyphoplasty.\n"
            + "Most leaks are small and harmless.")
        .source(new Source("test", "seed", null, "test-cement"))
        .build(), "test").id();
    kneeId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Knee pain after running")
        .question("My knee hurts on the outside after long runs. What can I do?")
        .doctorName("Dr. Ana Ruiz")
        .specialty("Sports Medicine")
        .reply("Pain on the outside of the knee after long runs is often caused by an irritated "
            + "iliotibial band. Rest, gradual return to running and strengthening the hip muscles "
            + "usually help.")
        .replyDate(LocalDate.of(2021, 4, 2))
        .source(new Source("test", "seed", null, "test-knee"))
        .build(), "test").id();
    articleId = kb.add(Entry.builder(Entry.Kind.ARTICLE)
        .title("Rare cement leak after spine surgery can block lung arteries")
        .atAGlance(List.of("Cement can travel to the lungs.", "It is very rare."))
        .quickTake("In rare cases bone cement injected into a broken vertebra travels through veins "
            + "to the heart and lung arteries.")
        .body("Spine fracture repair with bone cement is common.\nVery rarely the cement travels "
            + "through veins into the lungs.")
        .source(new Source("test", "seed", null, "test-article"))
        .build(), "test").id();
    pendingId = kb.add(Entry.builder(Entry.Kind.QA)
        .status(Entry.Status.PENDING)
        .title("Flying on a plane after vertebroplasty")
        .question("Is it safe to fly on a plane two weeks after vertebroplasty?")
        .source(new Source("test", "seed", null, "test-pending"))
        .build(), "test").id();
    return kb;
  }
}

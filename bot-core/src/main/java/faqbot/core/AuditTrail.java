package faqbot.core;

import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import java.util.List;
import java.util.function.Function;

/** Port: what moderators and admins did, newest first when read. */
interface AuditTrail {

  void record(String actor, String action, String target, String detail);

  /**
   * The same line, written inside a knowledge change's transaction so that it commits or rolls
   * back with the change; the detail may name the entry written.
   */
  KnowledgeBase.InSameTransaction recordWith(String actor, String action, String target,
      Function<Entry, String> detail);

  /** The latest lines, newest first; {@code limit} 0 or less: all. */
  List<Admin.AuditRecord> recent(int limit);
}

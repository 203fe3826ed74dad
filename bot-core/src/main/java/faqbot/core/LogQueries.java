package faqbot.core;

import java.util.List;
import java.util.function.Consumer;

/** Port: reading the interaction log back, for staff. Every row appended before a call is seen. */
interface LogQueries {

  /** Matching rows, newest first, at most the query's limit. */
  List<Admin.LogRecord> logs(Admin.LogQuery query);

  /**
   * The same rows as {@link #logs}, oldest first, one at a time, so an export of months of log
   * holds none of them in memory.
   */
  void forEachOldestFirst(Admin.LogQuery query, Consumer<Admin.LogRecord> action);
}

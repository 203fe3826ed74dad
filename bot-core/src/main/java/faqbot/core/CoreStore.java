package faqbot.core;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/** The core's SQLite tables. */
final class CoreStore {
  List<Admin.LogRecord> logs(Admin.LogQuery q) { throw new UnsupportedOperationException(); }
  Admin.Stats stats(Instant from, Instant to) { throw new UnsupportedOperationException(); }
  void exportLogsCsv(Admin.LogQuery q, Writer out) throws IOException { throw new UnsupportedOperationException(); }
  List<Admin.AuditRecord> audit(int limit) { throw new UnsupportedOperationException(); }
  int purgeExpired() { throw new UnsupportedOperationException(); }
}

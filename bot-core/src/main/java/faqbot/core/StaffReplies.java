package faqbot.core;

import faqbot.core.BotCore.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the staff commands' handlers share: replies private to the asker, failures reported. */
final class StaffReplies {
  private static final Logger LOG = LoggerFactory.getLogger(StaffReplies.class);

  private StaffReplies() {}

  /** A handler that may fail on the database. */
  interface Handler {
    Result run() throws IOException;
  }

  /** Runs the handler; a database failure becomes an apology starting with {@code sorry}. */
  static Result orFailure(Command command, String sorry, Handler handler) {
    try {
      return handler.run();
    } catch (IOException | UncheckedIOException e) {
      LOG.error("/{} failed: {}", command.name(), e.toString());
      return Result.of(Outcome.ERROR, reply(sorry + e.getMessage()));
    }
  }

  static Integer parseInt(String s) {
    String t = s.strip();
    if (!t.matches("[0-9]{1,9}")) {
      return null;
    }
    return Integer.valueOf(t);
  }

  static Reply reply(String text) {
    return Reply.builder().add(Part.paragraph(text)).privateToAsker(true).build();
  }

  static Result text(String text) {
    return Result.of(Outcome.COMMAND, reply(text));
  }

  static List<Reply> packPrivate(List<Part> parts) {
    return ReplyComposer.pack(parts, ReplyComposer.MAX_REPLY_CHARS, true);
  }
}

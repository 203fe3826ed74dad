package faqbot.app;

import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.ChatCore;
import faqbot.core.ChatType;
import faqbot.core.IncomingMessage;
import faqbot.core.Part;
import faqbot.core.Platform;
import faqbot.core.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The core in a terminal: lines typed are messages, buttons are numbered and pressed by typing
 * their number, files (CSV exports) are saved under the data directory.
 */
final class ConsoleChat {
  private final ChatCore core;
  private final String user;
  private final Path home;
  private final InputStream in;
  private final PrintStream out;
  private final List<Button> offered = new ArrayList<>();

  ConsoleChat(ChatCore core, String user, Path home, InputStream in, PrintStream out) {
    this.core = core;
    this.user = user;
    this.home = home;
    this.in = in;
    this.out = out;
  }

  void run() throws IOException {
    out.println("faqbot console (" + user.replace("local-", "") + "). Ask a health question, /help for"
        + " commands, a number to press a button, /quit to leave.");
    show(core.handle(message("/start")));
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    while (true) {
      out.print("> ");
      out.flush();
      String line = r.readLine();
      if (line == null || line.strip().equals("/quit") || line.strip().equals("/exit")) {
        break;
      }
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (t.matches("\\d{1,2}") && Integer.parseInt(t) >= 1 && Integer.parseInt(t) <= offered.size()) {
        Button b = offered.get(Integer.parseInt(t) - 1);
        show(core.handle(IncomingMessage.button(Platform.CONSOLE, user, ChatType.PRIVATE, user, "console",
            b.payload())));
      } else {
        show(core.handle(message(line)));
      }
    }
  }

  private IncomingMessage message(String text) {
    return IncomingMessage.text(Platform.CONSOLE, user, ChatType.PRIVATE, user, "console", text);
  }

  private void show(List<Reply> replies) throws IOException {
    offered.clear();
    for (Reply reply : replies) {
      out.println(render(reply));
      for (Button b : reply.buttons()) {
        offered.add(b);
        out.println("  [" + offered.size() + "] " + b.label());
      }
      Attachment a = reply.attachment();
      if (a != null) {
        Path dir = home.resolve("exports");
        faqbot.knowledge.PrivateFiles.createPrivateDirectory(dir);
        Path file = dir.resolve(Path.of(a.fileName()).getFileName().toString());
        faqbot.knowledge.PrivateFiles.writeAtomically(file, a.content());
        out.println("  (file saved: " + file + ")");
      }
      out.println();
    }
  }

  /** A reply as terminal text. */
  static String render(Reply reply) {
    StringBuilder sb = new StringBuilder();
    for (Part p : reply.parts()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      switch (p.style()) {
        case ALERT -> sb.append("!! ").append(p.text());
        case HEADING -> sb.append("== ").append(p.text()).append(" ==");
        case BULLET -> sb.append("  - ").append(p.text());
        case ATTRIBUTION -> sb.append("   — ").append(p.text());
        case DISCLAIMER -> sb.append("(").append(p.text()).append(")");
        case EMPHASIS -> sb.append("* ").append(p.text());
        default -> sb.append(p.text());
      }
    }
    return sb.toString();
  }
}

package faqbot.app;

import faqbot.core.Attachment;
import faqbot.core.Button;
import faqbot.core.ChatCore;
import faqbot.core.ChatType;
import faqbot.core.IncomingFile;
import faqbot.core.IncomingMessage;
import faqbot.core.Part;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core in a terminal: lines typed are messages; the buttons of each reply are numbered and
 * pressed by typing their number ("2", or "3.2" for button 2 of reply 3); files (CSV exports) are
 * saved under the data directory. {@code /paste} reads a page of many lines until a line holding
 * a single "." (or the end of input); {@code /import PATH} sends a file as a chat platform would.
 */
final class ConsoleChat {
  /** The largest file /import sends: the console has no platform limit, the zip guard is this. */
  static final long MAX_FILE_BYTES = 256L << 20;
  private static final Pattern BARE_NUMBER = Pattern.compile("\\d{1,3}");
  private static final Pattern REPLY_AND_NUMBER = Pattern.compile("(\\d{1,6})\\.(\\d{1,3})");
  /** Older replies' buttons are forgotten: the core would call them expired anyway. */
  private static final int REMEMBERED_REPLIES = 50;

  private final ChatCore core;
  private final String user;
  private final Path home;
  private final InputStream in;
  private final PrintStream out;
  /** The buttons of each numbered reply, by reply number. */
  private final Map<Integer, List<Button>> buttons = new LinkedHashMap<>();
  private int replyNumber;
  /** The last reply shown: a bare number names one of its buttons. */
  private int lastReply;

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
      Matcher both = REPLY_AND_NUMBER.matcher(t);
      if (BARE_NUMBER.matcher(t).matches()) {
        press(lastReply, Integer.parseInt(t));
      } else if (both.matches()) {
        press(Integer.parseInt(both.group(1)), Integer.parseInt(both.group(2)));
      } else if (command(t, "paste") && isStaff()) {
        paste(t.substring("/paste".length()).strip(), r);
      } else if (command(t, "import") && t.length() > "/import".length()) {
        importFile(t.substring("/import".length()).strip());
      } else {
        show(core.handle(message(line)));
      }
    }
  }

  private static boolean command(String t, String name) {
    return t.equals("/" + name) || t.startsWith("/" + name + " ");
  }

  private boolean isStaff() {
    return core.roleOf(Platform.CONSOLE, user).atLeast(Role.MODERATOR);
  }

  /** A number typed: a button of that reply, or a note that it is gone; never a question. */
  private void press(int reply, int number) throws IOException {
    List<Button> of = buttons.get(reply);
    if (of == null || number < 1 || number > of.size()) {
      out.println(reply == lastReply && of == null
          ? "(that button is gone: the last reply has no buttons. Type a question, or R.N for "
              + "button N of an earlier reply R.)"
          : "(that button is gone: reply " + reply + " has " + (of == null ? "no buttons any more"
              : "buttons 1 to " + of.size()) + ".)");
      out.println();
      return;
    }
    Button b = of.get(number - 1);
    out.println("(pressing \"" + b.label() + "\" of reply " + reply + ")");
    show(core.handle(IncomingMessage.button(Platform.CONSOLE, user, ChatType.PRIVATE, user,
        "console", b.payload())));
  }

  /**
   * A page of many lines is one message, as a chat platform would carry it (blank lines kept):
   * read until a line holding a single ".", then sent through the core's paste session.
   */
  private void paste(String firstLine, BufferedReader r) throws IOException {
    out.println("(paste the page, then a line holding a single \".\"; /cancel drops it)");
    StringBuilder page = new StringBuilder(firstLine);
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      String t = line.strip();
      if (t.equals(".") || t.equals("/done")) {
        break;
      }
      if (t.equals("/cancel")) {
        out.println("(paste dropped)");
        out.println();
        return;
      }
      if (page.length() > 0) {
        page.append('\n');
      }
      page.append(line);
    }
    core.handle(message("/paste"));
    if (!page.toString().isBlank()) {
      core.handle(message(page.toString()));
    }
    show(core.handle(message("/done")));
  }

  /** {@code /import PATH}: the file goes to the core as a platform's upload would. */
  private void importFile(String path) throws IOException {
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      out.println("(no such file: " + path + ")");
      out.println();
      return;
    }
    IncomingFile f = new IncomingFile(file.getFileName().toString(), null, Files.size(file),
        MAX_FILE_BYTES, () -> Files.newInputStream(file));
    show(core.handle(IncomingMessage.file(Platform.CONSOLE, user, ChatType.PRIVATE, user,
        "console", "", f)));
  }

  private IncomingMessage message(String text) {
    return IncomingMessage.text(Platform.CONSOLE, user, ChatType.PRIVATE, user, "console", text);
  }

  private void show(List<Reply> replies) throws IOException {
    int number = ++replyNumber;
    List<Button> offered = new ArrayList<>();
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
    }
    lastReply = number;
    if (!offered.isEmpty()) {
      buttons.put(number, offered);
      buttons.keySet().removeIf(k -> k <= number - REMEMBERED_REPLIES);
      out.println("  (reply " + number + ": type a number to press its button"
          + (number > 1 ? ", or " + number + ".N later" : "") + ")");
    }
    out.println();
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

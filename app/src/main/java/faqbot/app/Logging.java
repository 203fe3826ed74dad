package faqbot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Chooses where the process logs before its first logger exists, because Logback reads its
 * configuration once. The bot ({@code faqbot run}) logs to stderr and to a rotated file in
 * {@code $FAQBOT_HOME/logs} ({@code faqbot/logback-bot.xml}); every other command prints only
 * warnings on stderr ({@code logback.xml}), so stdout stays the command's output.
 */
final class Logging {
  static final String BOT_CONFIGURATION = "faqbot/logback-bot.xml";

  private Logging() {}

  static void configure(String command, AppConfig config) throws IOException {
    // an operator's own -Dlogback.configurationFile wins
    if (command.equals("run") && System.getProperty("logback.configurationFile") == null) {
      // before anything that logs: PrivateFiles does, and Logback would then create the
      // directories itself, readable by others
      Path dir = config.home.resolve("logs");
      createOwnerOnly(config.home);
      createOwnerOnly(dir);
      System.setProperty("faqbot.log.dir", dir.toString());
      System.setProperty("faqbot.log.format", format(config.get("FAQBOT_LOG_FORMAT")));
      // while the console chat owns the terminal, information lines go to the file only
      System.setProperty("faqbot.log.console", hasPlatformToken(config) ? "INFO" : "WARN");
      System.setProperty("logback.configurationFile", BOT_CONFIGURATION);
    }
    // the embedding runtime logs through java.util.logging; without the bridge it prints its own lines
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  private static void createOwnerOnly(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
  }

  static String format(String value) {
    String format = value == null ? "text" : value.toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("FAQBOT_LOG_FORMAT: expected text or json, got '" + value + "'");
    }
    return format;
  }

  private static boolean hasPlatformToken(AppConfig config) {
    for (String name : new String[] {"TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN"}) {
      if (config.get(name) != null || config.get(name + "_FILE") != null) {
        return true;
      }
    }
    return false;
  }
}

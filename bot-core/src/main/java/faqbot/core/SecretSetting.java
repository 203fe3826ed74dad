package faqbot.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret (a bot token, a key) configured as {@code NAME} in the environment or, so that it need
 * not sit in the environment, as the path of a file in {@code NAME_FILE}. One rule for every
 * secret: the variable wins over the file; the file holds the secret on one line (surrounding
 * blanks and a final line break are ignored). Error messages name the variable and the file,
 * never the content.
 */
public final class SecretSetting {

  private SecretSetting() {}

  /**
   * The secret, or empty when neither variable is set.
   *
   * @throws IllegalArgumentException when the file cannot be read, is empty or has more than one
   *     line
   */
  public static Optional<String> read(Map<String, String> env, String name) {
    String direct = env.get(name);
    if (direct != null && !direct.isBlank()) {
      return Optional.of(direct.strip());
    }
    String file = env.get(name + "_FILE");
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    String content;
    try {
      content = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException(
          name + "_FILE cannot be read: " + file.strip() + " (" + e.getClass().getSimpleName() + ")");
    }
    if (content.isEmpty()) {
      throw new IllegalArgumentException(name + "_FILE is empty: " + file.strip());
    }
    if (content.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw new IllegalArgumentException(
          name + "_FILE must hold the secret on one line: " + file.strip());
    }
    return Optional.of(content);
  }
}

package faqbot.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** The UTF-8 properties files bundled beside the core's classes (what the bot says, word lists). */
final class BundledTexts {
  private BundledTexts() {}

  /** The file's properties; empty when it is not bundled. */
  static Optional<Properties> find(String resource) {
    try (InputStream in = BundledTexts.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return Optional.of(p);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " unreadable", e);
    }
  }

  /** The file's properties; a missing one is a broken build. */
  static Properties read(String resource) {
    return find(resource)
        .orElseThrow(() -> new IllegalStateException("bundled " + resource + " missing"));
  }
}

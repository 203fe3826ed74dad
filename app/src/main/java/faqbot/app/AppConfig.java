package faqbot.app;

import faqbot.core.SecretSetting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings from the environment. Secrets (the pseudonymization key, platform tokens) come only
 * from the environment or a file and are never printed.
 */
final class AppConfig {
  final Map<String, String> env;
  final Path home;

  AppConfig(Map<String, String> env, String homeOverride) {
    this.env = env;
    this.home = homeOverride != null ? Path.of(homeOverride)
        : env.containsKey("FAQBOT_HOME") && !env.get("FAQBOT_HOME").isBlank() ? Path.of(env.get("FAQBOT_HOME"))
        : Path.of(System.getProperty("user.home"), ".faqbot");
  }

  String get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** "telegram:123,discord:456" as a set of "platform:userId". */
  Set<String> admins() {
    Set<String> out = new LinkedHashSet<>();
    String v = get("FAQBOT_ADMINS");
    if (v != null) {
      for (String s : v.split("[,\\s]+")) {
        if (!s.isBlank()) {
          if (!s.matches("(telegram|discord|console):[^:\\s]+")) {
            throw new IllegalArgumentException("FAQBOT_ADMINS: expected platform:userId, got '" + s + "'");
          }
          out.add(s.strip());
        }
      }
    }
    return out;
  }

  /**
   * The shared database when {@code FAQBOT_DATABASE_URL} names one (a PostgreSQL JDBC URL; user
   * and password from {@code FAQBOT_DATABASE_USER} and {@code FAQBOT_DATABASE_PASSWORD} or its
   * {@code _FILE}), else the SQLite file in the home.
   */
  faqbot.knowledge.Database database() {
    String url = get("FAQBOT_DATABASE_URL");
    if (url == null) {
      return faqbot.knowledge.Database.sqlite(home.resolve("faqbot.db"));
    }
    try {
      return faqbot.knowledge.Database.postgresql(url, get("FAQBOT_DATABASE_USER"),
          SecretSetting.read(env, "FAQBOT_DATABASE_PASSWORD").orElse(null));
    } catch (RuntimeException e) {
      // the pool's own message names the server, never the password
      throw new IllegalArgumentException("FAQBOT_DATABASE_URL: cannot use "
          + faqbot.knowledge.Database.describe(url) + ": " + e.getMessage(), e);
    }
  }

  boolean sharedDatabase() {
    return get("FAQBOT_DATABASE_URL") != null;
  }

  /**
   * The key of the keyed hash that turns user ids into pseudonymous log keys: FAQBOT_USER_KEY,
   * or the file FAQBOT_USER_KEY_FILE, or a random key generated once into the data directory (so
   * keys stay stable across restarts without anyone having to configure one). Null on a shared
   * database without one configured: the core then keeps one in the database, the same for every
   * replica.
   */
  String userKey() throws IOException {
    Optional<String> configured = SecretSetting.read(env, "FAQBOT_USER_KEY");
    if (configured.isPresent()) {
      return configured.get();
    }
    if (sharedDatabase()) {
      return null;
    }
    Path p = home.resolve("user-key");
    if (Files.exists(p)) {
      return Files.readString(p, StandardCharsets.UTF_8).strip();
    }
    faqbot.knowledge.PrivateFiles.createPrivateDirectory(home);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String hex = HexFormat.of().formatHex(key);
    // CREATE_NEW: two first starts at once must not each use a key of their own; 0600 from the
    // start, not after the key is written
    Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] mode = p.toAbsolutePath().getFileSystem()
        .supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions
            .asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try (SeekableByteChannel ch = Files.newByteChannel(p, create, mode)) {
      ch.write(ByteBuffer.wrap(hex.getBytes(StandardCharsets.UTF_8)));
    }
    return hex;
  }

  double doubleSetting(String name, double fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: " + v);
    }
  }

  int intSetting(String name, int fallback) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + v);
    }
  }
}

package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: adapters -> bot-core -> knowledge, and only app wires them. Checked
 * on the module poms and on every import in the sources, so a shortcut fails the build.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
      Path.of("").toAbsolutePath().getParent().toString()));

  /** The faqbot modules each module may depend on. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "knowledge", Set.of(),
      "bot-core", Set.of("knowledge"),
      "telegram-adapter", Set.of("bot-core", "knowledge"),
      "discord-adapter", Set.of("bot-core", "knowledge"),
      "app", Set.of("knowledge", "bot-core", "telegram-adapter", "discord-adapter"));

  /** Packages (and platform libraries) a module's sources must not import. */
  private static final Map<String, List<String>> FORBIDDEN_IMPORTS = Map.of(
      "knowledge", List.of("faqbot.core", "faqbot.telegram", "faqbot.discord", "faqbot.app",
          "org.telegram", "net.dv8tion"),
      "bot-core", List.of("faqbot.telegram", "faqbot.discord", "faqbot.app", "org.telegram", "net.dv8tion"),
      "telegram-adapter", List.of("faqbot.discord", "faqbot.app", "net.dv8tion"),
      "discord-adapter", List.of("faqbot.telegram", "faqbot.app", "org.telegram"));

  private static Path root() {
    Path p = ROOT;
    return Files.exists(p.resolve("app")) ? p : Path.of("").toAbsolutePath().getParent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"knowledge", "bot-core", "telegram-adapter", "discord-adapter", "app"})
  void moduleDependsOnlyOnModulesBelowIt(String module) throws IOException {
    String pom = Files.readString(root().resolve(module).resolve("pom.xml"));
    Matcher m = Pattern.compile("<groupId>faqbot</groupId>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
    List<String> deps = new ArrayList<>();
    while (m.find()) {
      deps.add(m.group(1));
    }
    deps.remove("faqbot-parent");
    for (String dep : deps) {
      assertTrue(ALLOWED.get(module).contains(dep), module + " must not depend on " + dep);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"knowledge", "bot-core", "telegram-adapter", "discord-adapter"})
  void sourcesImportNothingFromAboveOrBeside(String module) throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.startsWith("import ")) {
            continue;
          }
          for (String banned : FORBIDDEN_IMPORTS.get(module)) {
            if (line.matches("import (static )?" + Pattern.quote(banned) + "\\..*")) {
              violations.add(root().relativize(f) + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void everyModuleIsChecked() throws IOException {
    String parent = Files.readString(root().resolve("pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertEquals(ALLOWED.keySet(), Set.copyOf(modules));
  }
}

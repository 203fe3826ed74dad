package faqbot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: adapters -> bot-core -> knowledge, and only app wires them. Checked
 * on the module poms and on every reference in the compiled classes (ArchUnit), so a shortcut
 * fails the build.
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
      "dashboard", Set.of("bot-core", "knowledge"),
      "app", Set.of("knowledge", "bot-core", "telegram-adapter", "discord-adapter", "dashboard"));

  /** Packages (and platform libraries) a module's classes must not reference. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "knowledge", List.of("faqbot.core", "faqbot.telegram", "faqbot.discord", "faqbot.dashboard",
          "faqbot.app", "org.telegram", "net.dv8tion"),
      "bot-core", List.of("faqbot.telegram", "faqbot.discord", "faqbot.dashboard", "faqbot.app",
          "org.telegram", "net.dv8tion", "org.eclipse.jetty"),
      "telegram-adapter", List.of("faqbot.discord", "faqbot.dashboard", "faqbot.app", "net.dv8tion"),
      "discord-adapter", List.of("faqbot.telegram", "faqbot.dashboard", "faqbot.app", "org.telegram"),
      "dashboard", List.of("faqbot.telegram", "faqbot.discord", "faqbot.app", "org.telegram",
          "net.dv8tion"));

  private static Path root() {
    Path p = ROOT;
    return Files.exists(p.resolve("app")) ? p : Path.of("").toAbsolutePath().getParent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"knowledge", "bot-core", "telegram-adapter", "discord-adapter",
      "dashboard", "app"})
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

  /**
   * The compiled classes of each module, every reference included (fully qualified names, method
   * signatures, constants, not only import lines), must not reach a module above or beside it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"knowledge", "bot-core", "telegram-adapter", "discord-adapter",
      "dashboard"})
  void compiledClassesReferenceNothingFromAboveOrBeside(String module) {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> location.contains("/" + module + "/target/"))
        .importPackages("faqbot");
    assertTrue(classes.size() > 0, "no compiled classes of " + module + " found");
    String[] banned = FORBIDDEN.get(module).stream().map(p -> p + "..").toArray(String[]::new);
    ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(banned)
        .because(module + " sits below or beside them");
    rule.check(classes);
  }

  /** The rule above must be able to fail: a class naming another module's type is caught. */
  @Test
  void aReferenceToAnotherModuleIsCaught() {
    JavaClasses classes = new ClassFileImporter().importClasses(ReachesIntoTheApp.class);
    ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("faqbot.app..");
    assertThrows(AssertionError.class, () -> rule.check(classes));
  }

  /** Names a type of the app module only by its fully qualified name, with no import line. */
  static final class ReachesIntoTheApp {
    Object peek() {
      return faqbot.app.ArchitectureTest.class;
    }
  }

  /**
   * The core's persistence stays behind its ports: only its SQLite implementations (named Sqlite*)
   * touch JDBC or the knowledge module's SQLite helper, so another database replaces them without
   * touching the conversation logic.
   */
  @Test
  void onlyTheCoresSqliteClassesUseTheDatabase() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> location.contains("/bot-core/target/"))
        .importPackages("faqbot.core");
    assertTrue(classes.size() > 0, "no compiled classes of bot-core found");
    ArchRule rule = noClasses()
        .that().haveNameNotMatching("faqbot\\.core\\.(Sqlite|Transactions\\b).*")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("faqbot.knowledge.Sqlite")
        .because("persistence is reached through the core's ports");
    rule.check(classes);
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

package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSettingTest {

  @TempDir Path dir;

  @Test
  void theVariableWinsOverTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("t"), "from-file\n");
    assertEquals(Optional.of("direct"), SecretSetting.read(
        Map.of("X_TOKEN", " direct ", "X_TOKEN_FILE", file.toString()), "X_TOKEN"));
  }

  @Test
  void theFileHoldsTheSecretOnOneLineWithBlanksAroundIgnored() throws Exception {
    Path file = Files.writeString(dir.resolve("t"), "  123:abc \r\n");
    assertEquals(Optional.of("123:abc"),
        SecretSetting.read(Map.of("X_TOKEN_FILE", file.toString()), "X_TOKEN"));
  }

  @Test
  void nothingConfiguredIsEmpty() {
    assertEquals(Optional.empty(), SecretSetting.read(Map.of("X_TOKEN", "  "), "X_TOKEN"));
  }

  @Test
  void badFilesAreNamedButTheirContentNeverShown() throws Exception {
    Path twoLines = Files.writeString(dir.resolve("two"), "secret-one\nsecret-two\n");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    for (Path p : new Path[] {twoLines, empty, dir.resolve("missing")}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SecretSetting.read(Map.of("X_TOKEN_FILE", p.toString()), "X_TOKEN"));
      assertTrue(e.getMessage().contains("X_TOKEN_FILE") && e.getMessage().contains(p.toString()),
          e.getMessage());
      assertFalse(e.getMessage().contains("secret-"), e.getMessage());
    }
  }
}

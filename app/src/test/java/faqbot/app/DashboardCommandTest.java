package faqbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.dashboard.DashboardServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's configuration and its start inside the bot process (the console chat here). */
class DashboardCommandTest {
  @TempDir Path dir;

  int run(Map<String, String> env, String stdin, ByteArrayOutputStream out,
      ByteArrayOutputStream err, String... args) {
    return new Cli(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  @Test
  void standaloneNeedsAPortAndRejectsABadOne() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("FAQBOT_HOME", dir.toString());
    assertEquals(2, run(env, "", out, err, "dashboard"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --port"), err.toString());
    assertEquals(2, run(env, "", out, err, "dashboard", "--port", "http"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--port': 'http' is not an int"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void settingsDefaultToLoopbackAndALoopbackUrl() {
    AppConfig c = new AppConfig(Map.of("FAQBOT_DASHBOARD_PORT", "8090"), dir.toString());
    DashboardServer.Settings s = DashboardCommand.settings(c, null, null, false);
    assertEquals("127.0.0.1", s.bind());
    assertEquals("http://127.0.0.1:8090", s.publicUrl());
    AppConfig proxied = new AppConfig(Map.of("FAQBOT_DASHBOARD_PORT", "8090",
        "FAQBOT_DASHBOARD_BIND", "0.0.0.0", "FAQBOT_DASHBOARD_URL",
        "https://bot.example.org/admin/"), dir.toString());
    s = DashboardCommand.settings(proxied, null, null, true);
    assertEquals("0.0.0.0", s.bind());
    assertEquals("https://bot.example.org/admin", s.publicUrl());
    assertTrue(s.readOnly());
    AppConfig bad = new AppConfig(Map.of("FAQBOT_DASHBOARD_PORT", "8090",
        "FAQBOT_DASHBOARD_URL", "bot.example.org"), dir.toString());
    assertThrows(IllegalArgumentException.class,
        () -> DashboardCommand.settings(bad, null, null, false));
  }

  @Test
  void theConsoleAdminGetsALinkThatOpensTheDashboard() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of("FAQBOT_HOME", dir.resolve("home").toString(),
        "FAQBOT_DASHBOARD_PORT", String.valueOf(port));
    assertEquals(0, run(env, "/dashboard\n", out, err, "chat", "--role", "admin"),
        err.toString(StandardCharsets.UTF_8));
    Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:" + port + "/signin/[A-Za-z0-9_-]+")
        .matcher(out.toString(StandardCharsets.UTF_8));
    assertTrue(m.find(), out.toString(StandardCharsets.UTF_8));
    // the chat ended and took the dashboard with it
    HttpClient http = HttpClient.newHttpClient();
    assertThrows(java.io.IOException.class, () -> http.send(
        HttpRequest.newBuilder(URI.create(m.group())).build(), HttpResponse.BodyHandlers.ofString()));
  }
}

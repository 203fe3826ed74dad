package faqbot.knowledge;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for the stores' tests: the server at {@code FAQBOT_TEST_POSTGRES_URL}
 * (a JDBC URL of a database whose user may create databases) when set, else a throwaway server
 * started from the machine's PostgreSQL binaries (Debian's {@code postgresql} package, which
 * {@code .ci/run} installs) in a temporary directory, once per test JVM. Each test gets a fresh,
 * empty database. Where neither is possible the test is skipped with the reason.
 */
public final class PostgresServer {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String adminUrl;
  private static String unavailable;

  private PostgresServer() {}

  /** A fresh database on the test server, skipping the calling test when there is none. */
  public static Database freshDatabase() {
    return Database.postgresql(freshUrl(), null, null);
  }

  /** The JDBC URL (user included) of a fresh database on the test server. */
  public static synchronized String freshUrl() {
    if (adminUrl == null && unavailable == null) {
      try {
        adminUrl = System.getenv("FAQBOT_TEST_POSTGRES_URL") != null
            ? System.getenv("FAQBOT_TEST_POSTGRES_URL") : startLocalServer();
      } catch (IOException | RuntimeException e) {
        unavailable = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted while starting PostgreSQL";
      }
    }
    Assumptions.assumeTrue(unavailable == null, () -> "no PostgreSQL for this test: " + unavailable);
    String name = "faqbot_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return withDatabase(adminUrl, name);
  }

  static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?');
    String params = query < 0 ? "" : url.substring(query);
    return url.substring(0, slash + 1) + database + params;
  }

  private static String startLocalServer() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("faqbot-pg");
    Path data = dir.resolve("data");
    if (root) {
      // the server refuses to run as root: it runs as the package's postgres user
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
        "-U", "faqbot", "-E", "UTF8", "--no-sync"), root);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
        "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        "start"), root);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
            "stop"), root);
      } catch (IOException | InterruptedException ignored) {
        // the JVM is going away; a server left behind dies with its temp directory's owner
      }
      deleteQuietly(dir);
    }));
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=faqbot";
  }

  private static Path binaries() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        List<Path> found = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .sorted(Comparator.comparingInt(
                (Path b) -> majorVersion(b.getParent().getFileName().toString())).reversed())
            .toList();
        if (!found.isEmpty()) {
          return found.get(0);
        }
      }
    }
    throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql"
        + " (install Debian's postgresql package, or set FAQBOT_TEST_POSTGRES_URL)");
  }

  private static int majorVersion(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory; the OS cleans it eventually
    }
  }
}

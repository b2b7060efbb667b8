package dvmdash.servers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started from a Debian package binary for a test: its own folder, output logged to a file there, stopped
 * by its own pid (destroy, then destroyForcibly). A missing binary fails with the package to install.
 */
public class ServerProcess implements AutoCloseable {

  protected final Path dir;
  private final List<String> command;
  private final Path log;
  private Process process;

  protected ServerProcess(Path dir, List<String> command) {
    this.dir = dir;
    this.command = command;
    this.log = dir.resolve("server.log");
  }

  /** The absolute path of {@code binary} on PATH (or in /usr/bin, /usr/sbin), or a failure naming its package. */
  static String binary(String binary, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin:/usr/local/bin";
    for (String d : path.split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, binary);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(binary + " not found: install the Debian package " + debianPackage
        + " (apt-get install -y " + debianPackage + ", or scripts/setup)");
  }

  /** Starts (or restarts) the process and waits until {@code ready} holds. */
  protected void launch(BooleanSupplier ready, int seconds) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException(command.get(0) + " not ready after " + seconds + " s; see " + log);
      }
      Thread.sleep(50);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the process by its pid and waits for it. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process with SIGKILL (no shutdown work: what a crash leaves behind) and waits for it. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A free loopback port: bind 0, read, close. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package dvmdash.it;

import dvmdash.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Child JVM of {@link PostgresCrashIT}: starts the embedded PostgreSQL on the directory given, commits one row, prints
 * {@code READY <port>} and waits to be killed.
 */
public final class CrashPostgresMain {

  private CrashPostgresMain() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(Path.of(args[0]));
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres",
        "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS crash_probe (v text PRIMARY KEY)");
      s.execute("INSERT INTO crash_probe VALUES ('" + args[1] + "') ON CONFLICT DO NOTHING");
    }
    System.out.println("READY " + pg.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}

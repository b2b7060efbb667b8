package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned blocks of db/init.sql that the database has not seen yet (in one transaction), then the
 * upgrade steps that cannot be written in SQL ({@link RawRowCompaction}).
 */
public final class PgSchema {

  private static final Logger log = LoggerFactory.getLogger(PgSchema.class);
  private static final Pattern VERSION = Pattern.compile("(?m)^-- @version (\\d+)\\s*$");
  private static final long MIGRATION_LOCK = 0x44564d45L;

  /** One version block of the schema file. */
  public record Version(int number, String sql) {
  }

  private PgSchema() {
  }

  public static List<Version> load() {
    try (InputStream in = PgSchema.class.getResourceAsStream("/db/init.sql")) {
      if (in == null) {
        throw new IllegalStateException("db/init.sql missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read db/init.sql", e);
    }
  }

  static List<Version> parse(String text) {
    List<Version> out = new ArrayList<>();
    Matcher m = VERSION.matcher(text);
    int lastNumber = -1;
    int lastStart = -1;
    while (m.find()) {
      if (lastNumber >= 0) {
        out.add(new Version(lastNumber, text.substring(lastStart, m.start())));
      }
      lastNumber = Integer.parseInt(m.group(1));
      lastStart = m.end();
    }
    if (lastNumber >= 0) {
      out.add(new Version(lastNumber, text.substring(lastStart)));
    }
    return out;
  }

  /**
   * Applies the schema through a short-lived pool of its own, closed afterwards; resolves to the schema version now in
   * place. No time limit: an upgrade that rewrites stored rows takes as long as the history is big (its progress is
   * logged).
   */
  public static Future<Integer> migrate(Vertx vertx, String pgUrl) {
    Pool pool = PgBuilder.pool()
        .connectingTo(PgConnectOptions.fromUri(pgUrl))
        .using(vertx)
        .build();
    return migrate(pool).eventually(pool::close);
  }

  /** Resolves to the schema version now in place. */
  public static Future<Integer> migrate(Pool pool) {
    List<Version> versions = load();
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")").execute()
        .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, "
            + "applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(v -> conn.query("SELECT version FROM schema_version").execute())
        .compose(rows -> {
          Set<Integer> applied = new HashSet<>();
          for (Row r : rows) {
            applied.add(r.getInteger(0));
          }
          return applyMissing(conn, versions, applied);
        }))
        .compose(version -> RawRowCompaction.run(pool).map(version))
        .compose(version -> AnnouncedRelayBackfill.run(pool).map(version));
  }

  /**
   * Applies, in file order, every version not recorded yet, also one below the highest applied (a version merged
   * from a parallel branch after a later one was deployed); resolves to the highest version in place.
   */
  private static Future<Integer> applyMissing(SqlConnection conn, List<Version> versions, Set<Integer> applied) {
    int current = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
    Future<Integer> f = Future.succeededFuture(current);
    for (Version v : versions) {
      if (!applied.contains(v.number())) {
        f = f.compose(n -> {
          log.info("Applying PostgreSQL schema version {} (an upgrade that rewrites stored rows takes a while)",
              v.number());
          return conn.query(v.sql()).execute()
            .compose(r -> conn.query("INSERT INTO schema_version (version) VALUES (" + v.number() + ")").execute())
            .map(r -> {
              log.info("Applied PostgreSQL schema version {}", v.number());
              return Math.max(n, v.number());
            });
        });
      }
    }
    return f;
  }
}

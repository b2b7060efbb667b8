package dvmdash.it;

import dvmdash.embedded.EmbeddedPostgresServer;
import dvmdash.store.PgSchema;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL per test JVM; every test gets a fresh database in it. */
public final class TestPostgres {

  private static EmbeddedPostgresServer server;
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestPostgres() {
  }

  /** The URL of a new, empty database. */
  public static synchronized String freshDatabase() throws Exception {
    if (server == null) {
      server = EmbeddedPostgresServer.start(null);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (Exception ignored) {
          // best effort at JVM exit
        }
      }));
    }
    return server.createDatabase("t" + COUNTER.incrementAndGet());
  }

  /** A pool on a new database with DVMDash's schema applied. */
  public static Pool migratedPool(Vertx vertx) throws Exception {
    String url = freshDatabase();
    PgSchema.migrate(vertx, url).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
  }
}

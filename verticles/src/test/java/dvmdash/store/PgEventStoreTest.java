package dvmdash.store;

import dvmdash.it.TestPostgres;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The raw-store contract on PostgreSQL (a fresh database of the test server per test). */
class PgEventStoreTest extends RawEventStoreContract {

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;

  @Override
  RawEventStore freshStore() throws Exception {
    String url = TestPostgres.freshDatabase();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    await(PgSchema.migrate(pool));
    return new PgEventStore(pool);
  }

  @Override
  Future<Void> store(RawEventStore store, List<ReceivedEvent> batch) {
    return pool.withTransaction(conn -> store.store(batch, conn));
  }

  @AfterEach
  void close() throws Exception {
    await(pool.close());
    await(vertx.close());
  }
}

package dvmdash.store;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The raw-store contract on MongoDB, through the MongoDB-compatible test server (memory backend). */
class MongoEventStoreTest extends RawEventStoreContract {

  private final Vertx vertx = Vertx.vertx();
  private EmbeddedMongoServer server;
  private MongoClient client;

  @Override
  RawEventStore freshStore() throws Exception {
    server = EmbeddedMongoServer.start(null);
    client = MongoClient.create(vertx, new JsonObject().put("connection_string", server.uri())
        .put("db_name", "contract"));
    return new MongoEventStore(client);
  }

  @Override
  Future<Void> store(RawEventStore store, List<ReceivedEvent> batch) {
    return store.store(batch, null);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    await(vertx.close());
    server.close();
  }
}

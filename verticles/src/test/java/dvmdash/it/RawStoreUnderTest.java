package dvmdash.it;

import dvmdash.embedded.EmbeddedMongoServer;

/**
 * The raw event store an integration test runs on: PostgreSQL (the single-machine default: no {@code mongo_uri}) or
 * MongoDB (the droplet deployment), here the MongoDB-compatible test server in memory.
 */
public enum RawStoreUnderTest {
  POSTGRESQL, MONGODB;

  /** A started store; {@link Handle#uri()} is the {@code stores.mongo_uri} to configure (null for PostgreSQL). */
  public Handle start() throws Exception {
    if (this == POSTGRESQL) {
      return new Handle(null, null);
    }
    EmbeddedMongoServer server = EmbeddedMongoServer.start(null);
    return new Handle(server, server.uri());
  }

  /** A running raw store for one test. */
  public record Handle(EmbeddedMongoServer server, String uri) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}

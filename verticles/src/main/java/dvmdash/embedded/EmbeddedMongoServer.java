package dvmdash.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire-compatible server (mongo-java-server) in-process: an H2 file under the data directory, or memory.
 * The application talks to it through the standard MongoDB client, exactly as to a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);
  /**
   * How long the H2 file keeps chunks of older versions before reusing their space. H2's default (45 s) lets a scan
   * that runs longer than that (an export, a rebuild, a large count) read a chunk that was already overwritten
   * ({@code MVStoreException: Chunk … not found}, seen at the end of a 1M-event benchmark); an hour covers the
   * longest scans of a single-machine store, at the cost of the file holding up to an hour of superseded chunks.
   */
  static final int RETENTION_MILLIS = 3_600_000;

  private final MongoServer server;
  private final H2Backend h2;
  private final String uri;

  private EmbeddedMongoServer(MongoServer server, H2Backend h2, String uri) {
    this.server = server;
    this.h2 = h2;
    this.uri = uri;
  }

  /** Starts on a free loopback port; {@code dataDir} null means in memory. */
  public static EmbeddedMongoServer start(Path dataDir) throws IOException {
    H2Backend h2 = null;
    MongoBackend backend;
    if (dataDir == null) {
      backend = new MemoryBackend();
    } else {
      Files.createDirectories(dataDir);
      MVStore store = new MVStore.Builder().fileName(dataDir.resolve("events.mv").toString()).open();
      store.setRetentionTime(RETENTION_MILLIS);
      h2 = new H2Backend(store);
      backend = h2;
    }
    MongoServer server = new MongoServer(backend);
    String uri = server.bindAndGetConnectionString();
    log.info("Embedded MongoDB-compatible store at {} ({})", uri, dataDir == null ? "memory" : dataDir);
    return new EmbeddedMongoServer(server, h2, uri);
  }

  public String uri() {
    return uri;
  }

  /** Makes the file backend durable up to now (called after each raw-event write, before the rollup commit). */
  public void commit() {
    if (h2 != null) {
      h2.commit();
    }
  }

  @Override
  public void close() {
    server.shutdown();
  }
}

package dvmdash.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire-compatible server (mongo-java-server) in-process. A test tool: in memory for the tests of the
 * MongoDB raw store, or over the H2 file of an earlier version's data directory, only to read its raw events once
 * ({@link LegacyRawStoreMove}). Never a store users rely on: its file backend has corrupted data, and its memory
 * backend does not use secondary indexes.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  private final MongoServer server;
  private final String uri;

  private EmbeddedMongoServer(MongoServer server, String uri) {
    this.server = server;
    this.uri = uri;
  }

  /** Starts on a free loopback port; {@code dataDir} null means in memory, else the H2 file of an earlier version. */
  public static EmbeddedMongoServer start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** Starts on loopback {@code port} (0: a free one), e.g. to restart on the same port. */
  public static EmbeddedMongoServer start(Path dataDir, int port) throws IOException {
    MongoBackend backend;
    if (dataDir == null) {
      backend = new MemoryBackend();
    } else {
      Files.createDirectories(dataDir);
      backend = new H2Backend(dataDir.resolve(LegacyRawStoreMove.FILE).toString());
    }
    MongoServer server = new MongoServer(backend);
    String uri;
    if (port > 0) {
      server.bind("127.0.0.1", port);
      uri = "mongodb://127.0.0.1:" + port;
    } else {
      uri = server.bindAndGetConnectionString();
    }
    log.info("Embedded MongoDB-compatible store at {} ({})", uri, dataDir == null ? "memory" : dataDir);
    return new EmbeddedMongoServer(server, uri);
  }

  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    server.shutdown();
  }
}

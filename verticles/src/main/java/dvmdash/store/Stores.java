package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The store clients of one verticle, from the resolved {@code stores} config: a PostgreSQL pool (rollups, and raw
 * events unless {@code mongo_uri} is set) and, with {@code mongo_uri}, a MongoDB client for the raw events.
 */
public record Stores(Pool pg, MongoClient mongo, RawEventStore raw) {

  // Prepared statements stay cached, but every execution is planned for its values: a generic plan of "e tags
  // overlap $1 and kind in $2..$3" combines the kind index (every response ever stored) with the tag index, so its
  // cost would grow with the history instead of the rows returned.

  public static Stores connect(Vertx vertx, JsonObject config, String name) {
    JsonObject s = config.getJsonObject("stores", new JsonObject());
    String pgUrl = s.getString("pg_url");
    if (pgUrl == null || pgUrl.isBlank()) {
      throw new IllegalStateException("stores.pg_url must be resolved before deployment");
    }
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(s.getInteger("pg_pool_size", 6)).setName(name + "-pg"))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setCachePreparedStatements(true)
            .addProperty("plan_cache_mode", "force_custom_plan"))
        .using(vertx)
        .build();
    MongoClient mongo = mongoClient(vertx, config);
    return new Stores(pool, mongo, mongo == null ? new PgEventStore(pool) : new MongoEventStore(mongo));
  }

  /** The MongoDB client of {@code stores.mongo_uri}, or null when raw events live in PostgreSQL. */
  public static MongoClient mongoClient(Vertx vertx, JsonObject config) {
    JsonObject s = config.getJsonObject("stores", new JsonObject());
    String uri = s.getString("mongo_uri");
    if (uri == null || uri.isBlank()) {
      return null;
    }
    return MongoClient.create(vertx, new JsonObject().put("connection_string", uri)
        .put("db_name", s.getString("mongo_db", "dvmdash")));
  }

  public Future<Void> close() {
    if (mongo != null) {
      mongo.close();
    }
    return pg.close();
  }
}

package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The clients of one verticle: a PostgreSQL pool and a MongoDB client, from the resolved {@code stores} config. */
public record Stores(Pool pg, MongoClient mongo) {

  public static Stores connect(Vertx vertx, JsonObject config, String name) {
    JsonObject s = config.getJsonObject("stores", new JsonObject());
    String pgUrl = s.getString("pg_url");
    String mongoUri = s.getString("mongo_uri");
    if (pgUrl == null || pgUrl.isBlank() || mongoUri == null || mongoUri.isBlank()) {
      throw new IllegalStateException("stores.pg_url and stores.mongo_uri must be resolved before deployment");
    }
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(s.getInteger("pg_pool_size", 6)).setName(name + "-pg"))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setCachePreparedStatements(true))
        .using(vertx)
        .build();
    MongoClient mongo = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", mongoUri)
        .put("db_name", s.getString("mongo_db", "dvmdash")));
    return new Stores(pool, mongo);
  }

  public Future<Void> close() {
    mongo.close();
    return pg.close();
  }
}

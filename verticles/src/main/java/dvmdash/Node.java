package dvmdash;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.embedded.StoreResolver;
import dvmdash.metrics.AppMetrics;
import dvmdash.shared.config.NodeRoles;
import dvmdash.store.PgSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running DVMDash process: its Vert.x instance, the embedded stores it owns, and the optional demo relay. */
public final class Node implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  /** Callbacks the verticles get from the node (for example making the embedded raw store durable). */
  public record Hooks(Supplier<Future<Void>> afterRawWrite, LongSupplier nowSeconds) {

    /** No durability callback, wall-clock time. */
    public static Hooks none() {
      return new Hooks(Future::succeededFuture, () -> System.currentTimeMillis() / 1000);
    }
  }

  private final Vertx vertx;
  private final List<AutoCloseable> owned;
  private final JsonObject config;

  private Node(Vertx vertx, List<AutoCloseable> owned, JsonObject config) {
    this.vertx = vertx;
    this.owned = owned;
    this.config = config;
  }

  /** Blocking start, for the launcher and tests. */
  public static Node start(JsonObject config, LaunchOptions opts) throws Exception {
    List<AutoCloseable> owned = new ArrayList<>();
    boolean needsStores = NodeRoles.fromJson(config).needsStores();
    StoreResolver stores = needsStores ? StoreResolver.resolve(config) : null;
    if (stores != null) {
      owned.add(stores);
    }
    JsonObject resolved = stores != null ? stores.config() : config.copy();
    JsonObject storeJson = resolved.getJsonObject("stores", new JsonObject());
    EmbeddedMongoServer mongo = stores != null ? stores.embeddedMongo() : null;
    Vertx vertx = AppMetrics.vertxWithMetrics();
    owned.add(0, () -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    Node node = new Node(vertx, owned, resolved);
    EmbeddedMongoServer durableMongo = mongo;
    Hooks hooks = new Hooks(durableMongo == null ? Future::succeededFuture
        : () -> vertx.executeBlocking(() -> {
          durableMongo.commit();
          return null;
        }), () -> System.currentTimeMillis() / 1000);
    try {
      if (opts.demo()) {
        DemoRelay demo = DemoRelay.start(vertx, opts.demoRate());
        owned.add(1, demo);
        resolved.getJsonObject("collector").put("relays", new JsonArray().add(demo.url()));
        log.info("Demo mode: collecting from the simulated DVM network at {}", demo.url());
      }
      if (needsStores) {
        migrate(vertx, storeJson.getString("pg_url")).toCompletionStage().toCompletableFuture()
            .get(120, TimeUnit.SECONDS);
      }
      Main.deploy(vertx, resolved, hooks).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      node.close();
      throw e;
    }
    log.info("DVMDash started: relays {}", resolved.getJsonObject("collector").getJsonArray("relays"));
    return node;
  }

  /** Applies the PostgreSQL schema with a short-lived pool. */
  public static Future<Integer> migrate(Vertx vertx, String pgUrl) {
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
    return PgSchema.migrate(pool).eventually(pool::close);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The configuration with resolved store URLs. */
  public JsonObject config() {
    return config;
  }

  @Override
  public void close() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Error while stopping {}: {}", c, e.toString());
      }
    }
    owned.clear();
  }
}

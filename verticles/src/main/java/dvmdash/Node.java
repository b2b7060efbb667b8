package dvmdash;

import dvmdash.embedded.StoreResolver;
import dvmdash.metrics.AppMetrics;
import dvmdash.shared.config.NodeRoles;
import dvmdash.lock.EtcdClients;
import dvmdash.reload.ConfigSource;
import dvmdash.reload.EtcdSettings;
import dvmdash.reload.ReloadVerticle;
import dvmdash.reload.Reloader;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.store.PgSchema;
import io.vertx.core.DeploymentOptions;
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
import java.util.function.UnaryOperator;
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
  private JsonObject config;

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
    Vertx vertx = AppMetrics.vertxWithMetrics();
    owned.add(0, () -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    Node node = new Node(vertx, owned, resolved);
    Hooks hooks = Hooks.none();
    try {
      String demoUrl = null;
      if (opts.demo()) {
        DemoRelay demo = DemoRelay.start(vertx, opts.demoRate());
        owned.add(0, demo); // stops its live traffic before Vert.x closes under it
        demoUrl = demo.url();
        log.info("Demo mode: collecting from the simulated DVM network at {}", demoUrl);
      }
      UnaryOperator<JsonObject> pin = pinning(resolved.getJsonObject("stores"), demoUrl);
      EtcdSettings etcd = null;
      if (EtcdConfig.fromJson(config).enabled()) {
        EtcdSettings settings = new EtcdSettings(EtcdClients.create(EtcdConfig.fromJson(config)),
            EtcdConfig.fromJson(config).prefix());
        owned.add(1, settings::close);
        etcd = settings;
      }
      ConfigSource source = new ConfigSource(vertx, opts.configFile(), config, System.getenv(),
          etcd == null ? null : etcd::load);
      JsonObject desired = config;
      if (etcd != null) {
        try {
          desired = source.load().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("Cannot read the settings in etcd key {} ({}); starting with the local ones", etcd.key(),
              e.toString());
        }
      }
      resolved = pin.apply(desired);
      if (needsStores) {
        // no time limit: an upgrade that rewrites stored rows takes as long as the history is big (progress is logged)
        migrate(vertx, storeJson.getString("pg_url")).toCompletionStage().toCompletableFuture().get();
      }
      Deployments deployments = Main.deploy(vertx, resolved, hooks).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      if (opts.configFile() != null || etcd != null) {
        Reloader reloader = new Reloader(source::load, desired, pin, deployments::redeploy);
        vertx.deployVerticle(new ReloadVerticle(reloader), new DeploymentOptions().setConfig(resolved))
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        log.info("Watching {}{} for setting changes", opts.configFile() == null ? "" : opts.configFile(),
            etcd == null ? "" : (opts.configFile() == null ? "" : " and ") + "etcd key " + etcd.key());
      }
      node.config = resolved;
    } catch (Exception e) {
      node.close();
      throw e;
    }
    log.info("DVMDash started: relays {}", dvmdash.shared.config.RelayUrls.redactAll(node.config
        .getJsonObject("collector").getJsonArray("relays").stream().map(String::valueOf).toList()));
    return node;
  }

  /**
   * What a node keeps from its start whatever the settings say later: the store URLs it resolved (embedded stores
   * run inside this process) and, in demo mode, the demo relay as the only relay.
   */
  static UnaryOperator<JsonObject> pinning(JsonObject stores, String demoUrl) {
    return next -> {
      JsonObject out = next.copy();
      if (stores != null) {
        out.put("stores", stores.copy());
      }
      if (demoUrl != null) {
        JsonObject collector = out.getJsonObject("collector", new JsonObject()).copy();
        out.put("collector", collector.put("relays", new JsonArray().add(demoUrl)));
      }
      return out;
    };
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

package dvmdash;

import dvmdash.cluster.EtcdClients;
import dvmdash.embedded.StoreResolver;
import dvmdash.metrics.AppMetrics;
import dvmdash.reload.ConfigSource;
import dvmdash.reload.EtcdSettings;
import dvmdash.reload.ReloadVerticle;
import dvmdash.reload.Reloader;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.RelayUrls;
import dvmdash.store.PgSchema;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running DVMDash process: its Vert.x instance, the embedded stores it owns, the optional demo relay and the
 * verticles of its roles. {@link #start} is one chain of futures: stores, demo relay, settings, schema, verticles,
 * settings watcher; when a step fails, what the earlier ones started is stopped again.
 */
public final class Node implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final LaunchOptions opts;
  private final JsonObject startConfig;
  private volatile StoreResolver stores;
  private volatile DemoRelay demo;
  private volatile EtcdSettings etcd;
  private volatile JsonObject config;

  private Node(Vertx vertx, JsonObject startConfig, LaunchOptions opts) {
    this.vertx = vertx;
    this.startConfig = startConfig;
    this.opts = opts;
    this.config = startConfig.copy();
  }

  /**
   * Starts a node with the settings {@code config} (defaults, file and environment, see {@link ConfigSource#local}).
   * Resolves once every verticle is deployed; fails after stopping whatever it had started. The schema upgrade has no
   * time limit: one that rewrites stored rows takes as long as the history is big (its progress is logged).
   */
  public static Future<Node> start(JsonObject config, LaunchOptions opts) {
    Node node = new Node(AppMetrics.vertxWithMetrics(), config, opts);
    // not bound to the node's Vert.x: after a failure it is completed once that Vert.x is closed
    Promise<Node> started = Promise.promise();
    node.startStores()
        .compose(v -> node.startDemo())
        .compose(pin -> node.deploy(pin))
        .onSuccess(v -> started.complete(node))
        .onFailure(e -> node.stopAfterFailure(() -> started.fail(e)));
    return started.future();
  }

  /** Starts the embedded stores the settings ask for (blocking work, on a worker of its own without a time limit). */
  private Future<Void> startStores() {
    if (!NodeRoles.fromJson(startConfig).needsStores()) {
      return Future.succeededFuture();
    }
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("dvmdash-stores", 1, Long.MAX_VALUE);
    return worker.executeBlocking(() -> StoreResolver.resolve(startConfig))
        .eventually(worker::close)
        .map(resolved -> {
          stores = resolved;
          config = resolved.config();
          return null;
        });
  }

  /** Starts the demo relay when asked; resolves to what the node keeps from its start whatever the settings say. */
  private Future<UnaryOperator<JsonObject>> startDemo() {
    Future<String> demoUrl = Future.succeededFuture();
    if (opts.demo()) {
      demoUrl = DemoRelay.start(vertx, opts.demoRate())
          .map(relay -> {
            demo = relay;
            log.info("Demo mode: collecting from the simulated DVM network at {}", relay.url());
            return relay.url();
          });
    }
    return demoUrl.map(url -> pinning(config.getJsonObject("stores"), url));
  }

  /** Reads the settings (etcd included), applies the schema, deploys the verticles and the settings watcher. */
  private Future<Void> deploy(UnaryOperator<JsonObject> pin) {
    EtcdConfig etcdConfig = EtcdConfig.fromJson(startConfig);
    if (etcdConfig.enabled()) {
      etcd = new EtcdSettings(EtcdClients.create(etcdConfig), etcdConfig.prefix());
    }
    ConfigSource source = new ConfigSource(vertx, opts.configFile(), startConfig, System.getenv(),
        etcd == null ? null : etcd::load);
    String pgUrl = config.getJsonObject("stores", new JsonObject()).getString("pg_url");
    return desired(source)
        .compose(desired -> migrate(pgUrl)
            .compose(v -> Deployments.deploy(vertx, pin.apply(desired), Deployments.Hooks.none())
                .timeout(120, TimeUnit.SECONDS))
            .compose(deployments -> watch(source, desired, pin, deployments))
            .map(v -> {
              config = pin.apply(desired);
              log.info("DVMDash started: relays {}", RelayUrls.redactAll(config.getJsonObject("collector")
                  .getJsonArray("relays").stream().map(String::valueOf).toList()));
              return null;
            }));
  }

  /** The settings to start with: with etcd, the local ones overlaid by its (the local ones alone when it is down). */
  private Future<JsonObject> desired(ConfigSource source) {
    if (etcd == null) {
      return Future.succeededFuture(startConfig);
    }
    return source.load()
        .timeout(15, TimeUnit.SECONDS)
        .recover(e -> {
          log.warn("Cannot read the settings in etcd key {} ({}); starting with the local ones", etcd.key(),
              e.toString());
          return Future.succeededFuture(startConfig);
        });
  }

  /** Applies the PostgreSQL schema when this node has stores, without a time limit. */
  private Future<Void> migrate(String pgUrl) {
    if (!NodeRoles.fromJson(startConfig).needsStores()) {
      return Future.succeededFuture();
    }
    return PgSchema.migrate(vertx, pgUrl).mapEmpty();
  }

  /** Deploys the settings watcher when there is something to watch (a config file or etcd). */
  private Future<Void> watch(ConfigSource source, JsonObject desired, UnaryOperator<JsonObject> pin,
                             Deployments deployments) {
    if (opts.configFile() == null && etcd == null) {
      return Future.succeededFuture();
    }
    Reloader reloader = new Reloader(source::load, desired, pin, deployments::redeploy);
    return vertx.deployVerticle(new ReloadVerticle(reloader), new DeploymentOptions().setConfig(pin.apply(desired)))
        .timeout(30, TimeUnit.SECONDS)
        .onSuccess(id -> log.info("Watching {}{} for setting changes",
            opts.configFile() == null ? "" : opts.configFile(),
            etcd == null ? "" : (opts.configFile() == null ? "" : " and ") + "etcd key " + etcd.key()))
        .mapEmpty();
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

  /** Stops the node from a thread of its own (closing blocks, and may not run on the Vert.x threads it closes). */
  private void stopAfterFailure(Runnable then) {
    Thread stopper = new Thread(() -> {
      close();
      then.run();
    }, "dvmdash-stop");
    stopper.start();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The configuration with resolved store URLs. */
  public JsonObject config() {
    return config;
  }

  /**
   * Blocking stop, in order: the demo relay's live traffic (before Vert.x closes under it), the etcd client, Vert.x
   * (the verticles flush and stop), then the embedded stores.
   */
  @Override
  public synchronized void close() {
    if (demo != null) {
      stop("the demo relay", demo);
      demo = null;
    }
    if (etcd != null) {
      stop("the etcd client", etcd::close);
      etcd = null;
    }
    stop("Vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    if (stores != null) {
      stop("the embedded stores", stores);
      stores = null;
    }
  }

  private static void stop(String what, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Error while stopping {}: {}", what, e.toString());
    }
  }
}

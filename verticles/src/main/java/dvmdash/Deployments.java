package dvmdash;

import dvmdash.api.ApiVerticle;
import dvmdash.api.OpsVerticle;
import dvmdash.cluster.CommitFeedVerticle;
import dvmdash.cluster.DvmDirectorySyncVerticle;
import dvmdash.cluster.QueueAppenderVerticle;
import dvmdash.cluster.RelayBalancerVerticle;
import dvmdash.cluster.RequesterDirectorySyncVerticle;
import dvmdash.cluster.StreamReaderVerticle;
import dvmdash.collector.CollectorSupervisorVerticle;
import dvmdash.collector.RelayCollectorVerticle;
import dvmdash.health.HealthVerticle;
import dvmdash.processor.BatchProcessorVerticle;
import dvmdash.reload.Component;
import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.store.RetentionVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verticles of one node's roles and their deployment ids, so that a {@link Component} can be undeployed and
 * redeployed with new settings while the JVM and the other components keep running. Deploy order: processor (plus
 * the Redis stream reader when {@code redis.url} is set), then collector (behind the Redis appender when
 * {@code redis.url} is set, sharing the relays with the other collectors through etcd when {@code etcd.endpoints} is
 * set), then API. With role {@code all} and no Redis this is the single-node pipeline: collectors hand batches to the
 * processor over the local event bus.
 */
public final class Deployments {

  private static final Logger log = LoggerFactory.getLogger(Deployments.class);

  /** Callbacks the verticles get from the node (for example making the embedded raw store durable). */
  public record Hooks(Supplier<Future<Void>> afterRawWrite, LongSupplier nowSeconds) {

    /** No durability callback, wall-clock time. */
    public static Hooks none() {
      return new Hooks(Future::succeededFuture, () -> System.currentTimeMillis() / 1000);
    }
  }

  private final Vertx vertx;
  private final Hooks hooks;
  private final Map<Component, String> ids = new EnumMap<>(Component.class);
  private JsonObject config;

  private Deployments(Vertx vertx, Hooks hooks) {
    this.vertx = vertx;
    this.hooks = hooks;
  }

  /** Registers the local codecs and deploys every verticle of the node's roles ({@code role}). */
  public static Future<Deployments> deploy(Vertx vertx, JsonObject config, Hooks hooks) {
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    NodeRoles roles = NodeRoles.fromJson(config);
    boolean redis = QueueConfig.fromJson(config).enabled();
    if (!redis && roles.collector() != roles.processor()) {
      return Future.failedFuture(new IllegalArgumentException("role " + roles
          + " needs redis.url (DVMDASH_REDIS_URL): collectors and processors on different nodes talk through Redis"));
    }
    JsonObject root = config.copy();
    if (root.getString("node_id", "").isBlank()) {
      root.put("node_id", nodeId());
    }
    Deployments d = new Deployments(vertx, hooks);
    d.config = root;
    DeploymentOptions opts = new DeploymentOptions().setConfig(root);
    Future<?> f = Future.succeededFuture();
    if (roles.processor()) {
      f = f.compose(v -> d.start(Component.PROCESSOR));
      if (redis) {
        f = f.compose(v -> vertx.deployVerticle(new StreamReaderVerticle(), opts));
      }
      f = f.compose(v -> d.startIfWanted(Component.RETENTION));
      f = f.compose(v -> vertx.deployVerticle(() -> new HealthVerticle(hooks.nowSeconds()), opts));
    }
    if (redis && (roles.processor() || roles.collector())) {
      f = f.compose(v -> vertx.deployVerticle(new DvmDirectorySyncVerticle(), opts));
    }
    if (redis && (roles.processor() || roles.api())) {
      f = f.compose(v -> vertx.deployVerticle(new CommitFeedVerticle(), opts));
    }
    if (redis && (roles.api() || roles.collector())) {
      f = f.compose(v -> vertx.deployVerticle(new RequesterDirectorySyncVerticle(), opts));
    }
    if (roles.collector()) {
      if (redis) {
        f = f.compose(v -> vertx.deployVerticle(new QueueAppenderVerticle(), opts));
      }
      f = f.compose(v -> d.start(Component.COLLECTOR));
    }
    if (roles.api()) {
      f = f.compose(v -> d.start(Component.API));
    } else {
      f = f.compose(v -> vertx.deployVerticle(new OpsVerticle(), opts));
    }
    log.info("Deploying role {} as node {}{}", roles, root.getString("node_id"), redis ? " with the Redis queue" : "");
    return f.map(d);
  }

  /** The configuration the running components were deployed with (with {@code node_id}). */
  public JsonObject config() {
    return config;
  }

  /** Whether this node runs the component (its role includes it). */
  public boolean runs(Component c) {
    return ids.containsKey(c);
  }

  /**
   * Undeploys the component (draining its work: the processor finishes and answers its batches, collectors flush
   * their cursors) and deploys it again with {@code next}'s settings; {@code next} becomes the node's config. A
   * component outside the node's roles stays off; the retention schedule starts or stops as it is configured.
   */
  public Future<Void> redeploy(Component c, JsonObject next) {
    String old = ids.remove(c);
    config = next.copy().put("node_id", config.getString("node_id"));
    if (old == null && !wanted(c)) {
      return Future.succeededFuture();
    }
    log.info("Redeploying the {} with new settings", c.label());
    return (old == null ? Future.<Void>succeededFuture() : vertx.undeploy(old)).compose(v -> startIfWanted(c));
  }

  private boolean wanted(Component c) {
    NodeRoles roles = NodeRoles.fromJson(config);
    return switch (c) {
      case PROCESSOR -> roles.processor();
      case RETENTION -> roles.processor() && RetentionConfig.fromJson(config).enabled();
      case COLLECTOR -> roles.collector();
      case API -> roles.api();
    };
  }

  private Future<Void> startIfWanted(Component c) {
    return wanted(c) ? start(c) : Future.succeededFuture();
  }

  private Future<Void> start(Component c) {
    JsonObject root = config;
    Future<String> f = switch (c) {
      case PROCESSOR -> {
        boolean redis = QueueConfig.fromJson(root).enabled();
        JsonObject pcfg = root.copy();
        pcfg.put("processor", root.getJsonObject("processor", new JsonObject()).copy()
            .put("input_address", redis ? Addresses.PROCESS_EVENTS : Addresses.INGEST_EVENTS));
        yield vertx.deployVerticle(() -> new BatchProcessorVerticle(hooks.afterRawWrite()),
            new DeploymentOptions().setConfig(pcfg));
      }
      case COLLECTOR -> {
        JsonObject collector = collectorConfig(root);
        yield EtcdConfig.fromJson(root).enabled()
            ? vertx.deployVerticle(new RelayBalancerVerticle(), new DeploymentOptions()
                .setConfig(root.copy().put("collector", collector)))
            : vertx.deployVerticle(new CollectorSupervisorVerticle(), new DeploymentOptions().setConfig(collector));
      }
      case API -> vertx.deployVerticle(() -> new ApiVerticle(hooks.nowSeconds()),
          new DeploymentOptions().setConfig(root));
      case RETENTION -> vertx.deployVerticle(() -> new RetentionVerticle(hooks.afterRawWrite(), hooks.nowSeconds()),
          new DeploymentOptions().setConfig(root));
    };
    return f.map(id -> {
      ids.put(c, id);
      return null;
    });
  }

  static JsonObject collectorConfig(JsonObject root) {
    JsonObject collector = root.getJsonObject("collector", new JsonObject()).copy();
    QueueConfig queue = QueueConfig.fromJson(root);
    if (queue.enabled()) {
      // several collectors: a relay that moves between them resumes from the cluster's shared cursor
      collector.put(RelayCollectorVerticle.CURSOR_MIRROR_REDIS_URL, queue.url())
          .put(RelayCollectorVerticle.CURSOR_MIRROR_STREAM, queue.stream());
    }
    if (!collector.containsKey("cursor_file")) {
      collector.put("cursor_file", Path.of(root.getString("data_dir", "data"), CollectorConfig.CURSOR_FILE_NAME)
          .toString());
    }
    return collector;
  }

  /** A node name unique in the cluster: host, process id, random suffix (several nodes may share a JVM in tests). */
  static String nodeId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

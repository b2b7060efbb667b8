package dvmdash;

import dvmdash.api.ApiVerticle;
import dvmdash.collector.CollectorSupervisorVerticle;
import dvmdash.lock.RelayBalancerVerticle;
import dvmdash.queue.DvmDirectorySyncVerticle;
import dvmdash.processor.BatchProcessorVerticle;
import dvmdash.queue.QueueAppenderVerticle;
import dvmdash.queue.StreamReaderVerticle;
import dvmdash.store.RetentionVerticle;
import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.config.ConfigLoader;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.shared.model.IngestBatch;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher and only deployer: loads the configuration, starts embedded stores when no external ones are
 * configured, applies the PostgreSQL schema, then deploys processor, collector and API in that order.
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-")) {
      System.exit(Commands.run(args));
    }
    try {
      LaunchOptions opts = LaunchOptions.parse(args);
      JsonObject config = loadConfig(opts.configFile());
      Node node = Node.start(config, opts);
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "dvmdash-shutdown"));
    } catch (IllegalArgumentException e) {
      System.err.println("dvmdash: " + e.getMessage());
      System.err.println(LaunchOptions.USAGE);
      System.exit(2);
    } catch (Exception e) {
      log.error("DVMDash failed to start: {}", e.toString(), e);
      System.exit(1);
    }
  }

  /** Built-in defaults (config/dvmdash.json in the jar), then the given file, then environment variables. */
  public static JsonObject loadConfig(Path file) throws IOException {
    JsonObject config;
    try (InputStream in = Main.class.getResourceAsStream("/config/dvmdash.json")) {
      config = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    if (file != null) {
      config = ConfigLoader.merge(config, new JsonObject(Files.readString(file)));
    }
    return ConfigLoader.applyEnv(config, System.getenv());
  }

  /**
   * Registers the local codecs and deploys the verticles of the node's roles ({@code role}), whose stores are
   * resolved in {@code config}: processor (plus the Redis stream reader when {@code redis.url} is set), then
   * collector (behind the Redis appender when {@code redis.url} is set, sharing the relays with the other collectors
   * through etcd when {@code etcd.endpoints} is set), then API. With role {@code all} and no
   * Redis this is the single-node pipeline: collectors hand batches to the processor over the local event bus.
   */
  public static Future<String> deploy(Vertx vertx, JsonObject config, Node.Hooks hooks) {
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
    DeploymentOptions opts = new DeploymentOptions().setConfig(root);
    Future<String> f = Future.succeededFuture("");
    if (roles.processor()) {
      JsonObject pcfg = root.copy();
      pcfg.put("processor", root.getJsonObject("processor", new JsonObject()).copy()
          .put("input_address", redis ? Addresses.PROCESS_EVENTS : Addresses.INGEST_EVENTS));
      f = f.compose(id -> vertx.deployVerticle(() -> new BatchProcessorVerticle(hooks.afterRawWrite()),
          new DeploymentOptions().setConfig(pcfg)));
      if (redis) {
        f = f.compose(id -> vertx.deployVerticle(new StreamReaderVerticle(), opts));
      }
      // retention (docs/maintenance.md): scheduled on processor nodes when configured
      if (RetentionConfig.fromJson(root).enabled()) {
        f = f.compose(id -> vertx.deployVerticle(() -> new RetentionVerticle(hooks.afterRawWrite(), hooks.nowSeconds()), opts));
      }
    }
    if (redis && (roles.processor() || roles.collector())) {
      f = f.compose(id -> vertx.deployVerticle(new DvmDirectorySyncVerticle(), opts));
    }
    if (roles.collector()) {
      if (redis) {
        f = f.compose(id -> vertx.deployVerticle(new QueueAppenderVerticle(), opts));
      }
      JsonObject collector = collectorConfig(root);
      if (EtcdConfig.fromJson(root).enabled()) {
        JsonObject balanced = root.copy().put("collector", collector);
        f = f.compose(id -> vertx.deployVerticle(new RelayBalancerVerticle(), new DeploymentOptions()
            .setConfig(balanced)));
      } else {
        f = f.compose(id -> vertx.deployVerticle(new CollectorSupervisorVerticle(),
            new DeploymentOptions().setConfig(collector)));
      }
    }
    if (roles.api()) {
      f = f.compose(id -> vertx.deployVerticle(() -> new ApiVerticle(hooks.nowSeconds()), opts));
    }
    log.info("Deploying role {} as node {}{}", roles, root.getString("node_id"), redis ? " with the Redis queue" : "");
    return f;
  }

  static JsonObject collectorConfig(JsonObject root) {
    JsonObject collector = root.getJsonObject("collector", new JsonObject()).copy();
    if (!collector.containsKey("cursor_file")) {
      collector.put("cursor_file", Path.of(root.getString("data_dir", "data"), "relay-cursors.json").toString());
    }
    return collector;
  }

  /** A node name unique in the cluster: host, process id, random suffix (several nodes may share a JVM in tests). */
  static String nodeId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

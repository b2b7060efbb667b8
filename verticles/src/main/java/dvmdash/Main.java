package dvmdash;

import dvmdash.api.ApiVerticle;
import dvmdash.collector.RelayCollectorVerticle;
import dvmdash.processor.BatchProcessorVerticle;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.config.ConfigLoader;
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

  /** Registers the local codecs and deploys the verticles of a node whose stores are resolved in {@code config}. */
  public static Future<String> deploy(Vertx vertx, JsonObject config, Node.Hooks hooks) {
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    DeploymentOptions opts = new DeploymentOptions().setConfig(config);
    JsonObject collector = config.getJsonObject("collector", new JsonObject()).copy();
    if (!collector.containsKey("cursor_file")) {
      collector.put("cursor_file", Path.of(config.getString("data_dir", "data"), "relay-cursors.json").toString());
    }
    return vertx.deployVerticle(() -> new BatchProcessorVerticle(hooks.afterRawWrite()), opts)
        .compose(id -> vertx.deployVerticle(new RelayCollectorVerticle(), new DeploymentOptions().setConfig(collector)))
        .compose(id -> vertx.deployVerticle(() -> new ApiVerticle(hooks.nowSeconds()), opts));
  }
}

package dvmdash;

import dvmdash.reload.ConfigSource;
import dvmdash.shared.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher: runs a command ({@link Commands}) or loads the configuration and starts a {@link Node}, which starts
 * embedded stores when no external ones are configured, applies the PostgreSQL schema and deploys the verticles of
 * its roles ({@link Deployments}).
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
    JsonObject config = ConfigSource.defaults();
    if (file != null) {
      config = ConfigLoader.merge(config, new JsonObject(Files.readString(file)));
    }
    return ConfigLoader.applyEnv(config, System.getenv());
  }

  /** Deploys the verticles of the node's roles; see {@link Deployments}. */
  public static Future<Deployments> deploy(Vertx vertx, JsonObject config, Node.Hooks hooks) {
    return Deployments.deploy(vertx, config, hooks);
  }
}

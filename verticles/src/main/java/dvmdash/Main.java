package dvmdash;

import dvmdash.reload.ConfigSource;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher: parses the arguments and runs a command ({@link Commands}) or starts a {@link Node} with the local
 * settings ({@link ConfigSource#local}). The node starts embedded stores when no external ones are configured,
 * applies the PostgreSQL schema and deploys the verticles of its roles ({@link Deployments}).
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
      JsonObject config = ConfigSource.local(opts.configFile());
      // the one blocking wait: startup has no overall time limit (a schema upgrade takes as long as the history is big)
      Node node = Node.start(config, opts).toCompletionStage().toCompletableFuture().get();
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "dvmdash-shutdown"));
    } catch (IllegalArgumentException e) {
      System.err.println("dvmdash: " + e.getMessage());
      System.err.println(LaunchOptions.USAGE);
      System.exit(2);
    } catch (ExecutionException e) {
      log.error("DVMDash failed to start: {}", e.getCause().toString(), e.getCause());
      System.exit(1);
    } catch (Exception e) {
      log.error("DVMDash failed to start: {}", e.toString(), e);
      System.exit(1);
    }
  }
}

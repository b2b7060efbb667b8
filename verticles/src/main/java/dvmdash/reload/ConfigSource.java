package dvmdash.reload;

import dvmdash.shared.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settings a node should run with, read again on every call: built-in defaults ({@code config/dvmdash.json} in
 * the jar), then the config file (or, without one, the settings the node was started with), then the cluster-wide overrides in etcd (if configured; only the
 * redeployable sections, see {@link EtcdSettings}), then environment variables, which always win.
 */
public final class ConfigSource {

  private final Vertx vertx;
  private final Path file;
  private final JsonObject startConfig;
  private final Map<String, String> env;
  private final Supplier<Future<JsonObject>> overlay;

  /**
   * @param file        the {@code --config} file, or null
   * @param startConfig the settings the node was started with: the base when there is no file
   * @param overlay     the etcd overrides (an empty object when none), or null when etcd is not configured
   */
  public ConfigSource(Vertx vertx, Path file, JsonObject startConfig, Map<String, String> env,
                      Supplier<Future<JsonObject>> overlay) {
    this.vertx = vertx;
    this.file = file;
    this.startConfig = startConfig.copy();
    this.env = env;
    this.overlay = overlay;
  }

  public Future<JsonObject> load() {
    Future<JsonObject> base = file == null ? Future.succeededFuture(startConfig.copy())
        : vertx.fileSystem().readFile(file.toString()).map(b -> {
          try {
            return ConfigLoader.merge(defaults(), new JsonObject(b.toString(StandardCharsets.UTF_8)));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a JSON object: " + e.getMessage());
          }
        });
    return base.compose(cfg -> overlay == null ? Future.succeededFuture(cfg)
            : overlay.get().map(o -> ConfigLoader.merge(cfg, o)))
        .map(cfg -> ConfigLoader.applyEnv(cfg, env));
  }

  /**
   * The settings a process starts with, read once (blocking): built-in defaults, then {@code file} (or nothing when
   * null), then environment variables.
   */
  public static JsonObject local(Path file) throws IOException {
    JsonObject config = defaults();
    if (file != null) {
      config = ConfigLoader.merge(config, new JsonObject(Files.readString(file)));
    }
    return ConfigLoader.applyEnv(config, System.getenv());
  }

  /** The built-in defaults shipped in the jar. */
  public static JsonObject defaults() {
    try (InputStream in = ConfigSource.class.getResourceAsStream("/config/dvmdash.json")) {
      if (in == null) {
        throw new IllegalStateException("config/dvmdash.json missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

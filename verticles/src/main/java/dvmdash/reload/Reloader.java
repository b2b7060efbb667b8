package dvmdash.reload;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.HttpConfig;
import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.config.RetentionConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies setting changes to a running node: loads the desired settings, compares them with the ones it last applied
 * ({@link ConfigDiff}), validates them, and redeploys each affected component, one after the other. A component whose
 * new settings fail to deploy is redeployed with its previous settings, and the same failing settings are not tried
 * again until they change. Changes that need a restart are logged once and reported, never half-applied.
 */
public final class Reloader {

  private static final Logger log = LoggerFactory.getLogger(Reloader.class);

  /** What one check did. */
  public record Outcome(List<Component> redeployed, List<Component> failed, List<String> needsRestart,
                        String error) {

    static Outcome nothing() {
      return new Outcome(List.of(), List.of(), List.of(), null);
    }
  }

  private final Supplier<Future<JsonObject>> source;
  private final UnaryOperator<JsonObject> pin;
  private final BiFunction<Component, JsonObject, Future<Void>> redeploy;
  private JsonObject applied;
  private JsonObject rejected;
  private List<String> restartReported = List.of();

  /**
   * @param source   the desired settings ({@link ConfigSource#load()})
   * @param initial  the desired settings the node was started with
   * @param pin      turns desired settings into deployable ones (keeps what the node resolved at start: embedded
   *                 store URLs, the demo relay)
   * @param redeploy redeploys one component with the given deployable settings
   */
  public Reloader(Supplier<Future<JsonObject>> source, JsonObject initial, UnaryOperator<JsonObject> pin,
                  BiFunction<Component, JsonObject, Future<Void>> redeploy) {
    this.source = source;
    this.applied = initial.copy();
    this.pin = pin;
    this.redeploy = redeploy;
  }

  public Future<Outcome> check() {
    return source.get().compose(this::apply, err -> {
      log.warn("Cannot read the settings, keeping the running ones: {}", err.getMessage());
      return Future.succeededFuture(new Outcome(List.of(), List.of(), List.of(), err.getMessage()));
    });
  }

  private Future<Outcome> apply(JsonObject next) {
    if (next.equals(rejected)) {
      return Future.succeededFuture(Outcome.nothing());
    }
    ConfigDiff diff = ConfigDiff.between(applied, next);
    if (diff.isEmpty()) {
      return Future.succeededFuture(Outcome.nothing());
    }
    String invalid = validate(next);
    if (invalid != null) {
      log.warn("Ignoring the new settings, they are invalid: {}", invalid);
      rejected = next.copy();
      return Future.succeededFuture(new Outcome(List.of(), List.of(), List.of(), invalid));
    }
    if (!diff.needsRestart().equals(restartReported)) {
      restartReported = diff.needsRestart();
      if (!restartReported.isEmpty()) {
        log.warn("Changed settings {} take effect only after a restart of this node", restartReported);
      }
    }
    JsonObject previous = applied;
    JsonObject target = merged(next, previous, diff.needsRestart());
    JsonObject deployable = pin.apply(target);
    List<Component> done = new ArrayList<>();
    List<Component> failed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Component c : diff.redeploy()) {
      chain = chain.compose(v -> redeploy.apply(c, deployable)
          .onSuccess(x -> done.add(c))
          .recover(err -> {
            log.error("The {} failed to start with the new settings ({}); restoring the previous ones",
                c.label(), err.getMessage());
            failed.add(c);
            return redeploy.apply(c, pin.apply(previous));
          }));
    }
    return chain.map(v -> {
      if (failed.isEmpty()) {
        applied = target;
      } else {
        rejected = next.copy();
      }
      return new Outcome(List.copyOf(done), List.copyOf(failed), diff.needsRestart(), null);
    });
  }

  /** The new settings, except the restart-only sections, which stay as running (they were not applied). */
  private static JsonObject merged(JsonObject next, JsonObject previous, List<String> restartOnly) {
    JsonObject out = next.copy();
    for (String k : restartOnly) {
      if (previous.containsKey(k)) {
        out.put(k, previous.getValue(k));
      } else {
        out.remove(k);
      }
    }
    return out;
  }

  /** The first problem with the redeployable sections, or null. */
  static String validate(JsonObject cfg) {
    try {
      ProcessorConfig.fromJson(cfg.getJsonObject("processor", new JsonObject()));
      CollectorConfig.fromJson(cfg.getJsonObject("collector", new JsonObject()));
      HttpConfig.fromJson(cfg.getJsonObject("http", new JsonObject()));
      RetentionConfig.fromJson(cfg);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }
}

package dvmdash.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /ready}: runs every {@link DependencyChecks} probe of the node at once; 200 when each answers within
 * 2 s, else 503. The JSON names each check ({@code "ok"} or the error) and lists the failing ones, e.g.
 * {@code {"ready":false,"checks":{"postgresql":"ok","redis":"Connection refused"},"failing":["redis"]}}.
 */
final class ReadinessHandler implements Handler<RoutingContext> {

  static final long TIMEOUT_MS = 2000;

  private final DependencyChecks checks;

  ReadinessHandler(DependencyChecks checks) {
    this.checks = checks;
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<String> names = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (Map.Entry<String, Supplier<Future<?>>> e : checks.probes().entrySet()) {
      names.add(e.getKey());
      results.add(run(e.getValue()));
    }
    Future.join(results).onComplete(ar -> {
      JsonObject out = new JsonObject();
      JsonArray failing = new JsonArray();
      for (int i = 0; i < names.size(); i++) {
        String result = results.get(i).result();
        out.put(names.get(i), result);
        if (!"ok".equals(result)) {
          failing.add(names.get(i));
        }
      }
      boolean ready = failing.isEmpty();
      ctx.response()
          .setStatusCode(ready ? 200 : 503)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("ready", ready).put("checks", out).put("failing", failing).encode());
    });
  }

  private static Future<String> run(Supplier<Future<?>> probe) {
    Future<?> f;
    try {
      f = probe.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(v -> "ok")
        .otherwise(err -> err.getMessage() == null || err.getMessage().isBlank() ? err.getClass().getSimpleName()
            : err.getMessage());
  }
}

package dvmdash.api;

import dvmdash.health.Liveness;
import dvmdash.metrics.AppMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;

/**
 * The operator endpoints every node serves, whatever its roles: {@code GET /health} (the process answers and no
 * pipeline part reports a {@link Liveness} problem; 503 otherwise),
 * {@code GET /ready} ({@link ReadinessHandler}) and {@code GET /metrics} (Prometheus text format, when the node runs
 * with metrics).
 */
public final class OpsRoutes {

  private OpsRoutes() {
  }

  public static void mount(Vertx vertx, Router router, DependencyChecks checks) {
    Liveness liveness = Liveness.of(vertx);
    router.get("/health").handler(ctx -> {
      List<String> problems = liveness.problems();
      if (problems.isEmpty()) {
        Replies.json(ctx, new JsonObject().put("status", "ok"));
      } else {
        ctx.response()
            .setStatusCode(503)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .end(new JsonObject().put("status", "stalled").put("error", String.join("; ", problems))
                .put("problems", new JsonArray(problems)).encode());
      }
    });
    router.get("/ready").handler(new ReadinessHandler(checks));
    PrometheusMeterRegistry prometheus = AppMetrics.prometheus(vertx);
    if (prometheus != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      router.get("/metrics").handler(ctx -> Replies.error(ctx, 404, "this node runs without metrics"));
    }
  }
}

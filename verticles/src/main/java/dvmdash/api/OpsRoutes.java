package dvmdash.api;

import dvmdash.metrics.AppMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The operator endpoints every node serves, whatever its roles: {@code GET /health} (the process answers),
 * {@code GET /ready} ({@link ReadinessHandler}) and {@code GET /metrics} (Prometheus text format, when the node runs
 * with metrics).
 */
public final class OpsRoutes {

  private OpsRoutes() {
  }

  public static void mount(Vertx vertx, Router router, DependencyChecks checks) {
    router.get("/health").handler(ctx -> Replies.json(ctx, new JsonObject().put("status", "ok")));
    router.get("/ready").handler(new ReadinessHandler(checks));
    PrometheusMeterRegistry prometheus = AppMetrics.prometheus(vertx);
    if (prometheus != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    } else {
      router.get("/metrics").handler(ctx -> Replies.error(ctx, 404, "this node runs without metrics"));
    }
  }
}

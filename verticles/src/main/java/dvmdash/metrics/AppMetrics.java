package dvmdash.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The Prometheus registry of a node: Vert.x's own metrics (HTTP server, event bus, pools) plus DVMDash's meters,
 * all named per Prometheus conventions ({@code dvmdash_*_total}, {@code *_seconds}) with bounded labels.
 */
public final class AppMetrics {

  public static final String VERSION = "0.1.0";

  private AppMetrics() {
  }

  /** A Vert.x instance reporting into a new Prometheus registry. */
  public static Vertx vertxWithMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("dvmdash_build_info", () -> 1).tag("version", VERSION).register(registry);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** The node's registry, or Micrometer's global (no-op unless configured) one when metrics are off. */
  public static MeterRegistry registry() {
    MeterRegistry r = BackendRegistries.getDefaultNow();
    return r != null ? r : Metrics.globalRegistry;
  }

  /** The Prometheus registry to scrape, or null when this node runs without metrics. */
  public static PrometheusMeterRegistry prometheus(Vertx vertx) {
    MeterRegistry r = BackendRegistries.getDefaultNow();
    return r instanceof PrometheusMeterRegistry p ? p : null;
  }
}

package dvmdash.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Prometheus registry of a node: Vert.x's own metrics (HTTP server, event bus, pools, JVM) plus DVMDash's meters,
 * all named per Prometheus conventions ({@code dvmdash_*_total}, {@code *_seconds}) with bounded labels. Each Vert.x
 * instance built here has its own registry (several nodes may share a JVM in tests); {@link #registry(Vertx)} finds
 * it. The meter names are listed in docs/operations.md.
 */
public final class AppMetrics {

  public static final String VERSION = "0.1.0";

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final AtomicInteger NEXT = new AtomicInteger();

  private AppMetrics() {
  }

  /** A Vert.x instance reporting into a new Prometheus registry of its own. */
  public static Vertx vertxWithMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // an Info metric of the Prometheus client itself: through Micrometer the _info suffix would be cut off
    Info.builder().name("dvmdash_build_info").help("Always 1; the labels name the running build")
        .labelNames("version", "java").register(registry.getPrometheusRegistry())
        .addLabelValues(VERSION, System.getProperty("java.specification.version", "unknown"));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setRegistryName("dvmdash-" + NEXT.incrementAndGet())
            .setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    REGISTRIES.put(vertx, registry);
    return vertx;
  }

  /**
   * The registry of {@code vertx}, or Micrometer's global one (no-op unless configured) when that instance was not
   * built by {@link #vertxWithMetrics()}.
   */
  public static MeterRegistry registry(Vertx vertx) {
    MeterRegistry r = REGISTRIES.get(vertx);
    return r != null ? r : Metrics.globalRegistry;
  }

  /** The Prometheus registry to scrape, or null when this node runs without metrics. */
  public static PrometheusMeterRegistry prometheus(Vertx vertx) {
    return REGISTRIES.get(vertx);
  }
}

package dvmdash.reload;

import dvmdash.metrics.AppMetrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;

/**
 * Wiring: runs {@link Reloader#check()} every {@code reload.interval_ms} (default 2000), so that edits to the config
 * file or to the etcd settings key reach the running verticles without a JVM restart. Counts redeploys and failures
 * in {@code dvmdash_config_redeploys_total{component,result}} and refused settings in
 * {@code dvmdash_config_rejected_total}.
 */
public final class ReloadVerticle extends VerticleBase {

  private final Reloader reloader;
  private long timer = -1;
  private boolean running;

  public ReloadVerticle(Reloader reloader) {
    this.reloader = reloader;
  }

  @Override
  public Future<?> start() {
    long every = config().getJsonObject("reload", new io.vertx.core.json.JsonObject())
        .getLong("interval_ms", 2000L);
    timer = vertx.setPeriodic(Math.max(100, every), id -> tick());
    return Future.succeededFuture();
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    reloader.check()
        .onSuccess(o -> {
          count(o.redeployed(), "ok");
          count(o.failed(), "failed");
          if (o.error() != null) {
            Counter.builder("dvmdash_config_rejected_total")
                .description("Setting changes refused (unreadable or invalid); the node kept its running settings")
                .register(AppMetrics.registry(vertx)).increment();
          }
        })
        .onComplete(ar -> running = false);
  }

  private void count(List<Component> components, String result) {
    for (Component c : components) {
      Counter.builder("dvmdash_config_redeploys_total").description("Components redeployed after a settings change")
          .tag("component", c.name().toLowerCase()).tag("result", result)
          .register(AppMetrics.registry(vertx)).increment();
    }
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}

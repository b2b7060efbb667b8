package dvmdash.store;

import dvmdash.shared.config.RetentionConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: runs {@link Retention} on a processor node one minute after start, then every
 * {@code retention.interval_minutes}, never two runs of this node at once (runs on other nodes are excluded by
 * Retention's advisory lock). A failed run is logged and retried at the next tick.
 */
public final class RetentionVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RetentionVerticle.class);
  private static final long FIRST_RUN_DELAY_MS = 60_000;

  private final Supplier<Future<Void>> afterRawDelete;
  private final LongSupplier nowSeconds;
  private Stores stores;
  private Retention retention;
  private long timerId = -1;
  private boolean running;

  /** {@code afterRawDelete} runs after raw deletions; {@code nowSeconds} is the clock. */
  public RetentionVerticle(Supplier<Future<Void>> afterRawDelete, LongSupplier nowSeconds) {
    this.afterRawDelete = afterRawDelete;
    this.nowSeconds = nowSeconds;
  }

  @Override
  public Future<?> start() {
    RetentionConfig cfg = RetentionConfig.fromJson(config());
    stores = Stores.connect(vertx, config(), "retention");
    retention = new Retention(stores.pg(), stores.raw(), cfg, afterRawDelete);
    long interval = TimeUnit.MINUTES.toMillis(cfg.intervalMinutes());
    timerId = vertx.setTimer(Math.min(FIRST_RUN_DELAY_MS, interval), id -> {
      runOnce();
      timerId = vertx.setPeriodic(interval, p -> runOnce());
    });
    log.info("Retention every {} min: raw events kept {}, per-minute rows kept {}", cfg.intervalMinutes(),
        cfg.rawDays() == 0 ? "forever" : cfg.rawDays() + " days", cfg.minuteDays() == 0 ? "forever"
            : cfg.minuteDays() + " days");
    return Future.succeededFuture();
  }

  private void runOnce() {
    if (running) {
      return;
    }
    running = true;
    retention.run(nowSeconds.getAsLong())
        .onSuccess(r -> log.info("Retention run: {}", r.toJson().encode()))
        .onFailure(err -> log.warn("Retention run failed, retrying at the next tick: {}", err.toString()))
        .onComplete(ar -> running = false);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    return stores == null ? Future.succeededFuture() : stores.close();
  }
}

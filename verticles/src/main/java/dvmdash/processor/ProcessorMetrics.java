package dvmdash.processor;

import dvmdash.metrics.VerticleMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Meters of the batch processor. Counters, timers and the batch-size summary are plain Micrometer meters (not bound
 * to any object), so a redeployed processor gets the same ones back and they keep counting; the queue-depth gauges
 * are bound to the running verticle through {@link #bindQueue} and released by {@link #close()}.
 */
public final class ProcessorMetrics implements AutoCloseable {

  public final Timer batch;
  public final Timer mongoWrite;
  public final Timer pgWrite;
  public final Timer rollupCommit;
  public final Timer lag;
  public final DistributionSummary batchEvents;
  public final Counter committed;
  public final Counter alreadyApplied;
  public final Counter failures;
  private final MeterRegistry registry;
  private VerticleMeters gauges;

  public ProcessorMetrics(MeterRegistry r) {
    registry = r;
    batch = timer(r, "dvmdash_batch_duration_seconds", "Whole batch: raw write, commit lock and rollup transaction");
    mongoWrite = timer(r, "dvmdash_mongo_write_seconds", "MongoDB raw event write of one batch");
    pgWrite = timer(r, "dvmdash_pg_write_seconds", "PostgreSQL rollup transaction of one batch (lock wait excluded)");
    rollupCommit = timer(r, "dvmdash_rollup_commit_seconds",
        "Rollup commit of one batch: commit lock (etcd, when on) plus the PostgreSQL transaction");
    lag = timer(r, "dvmdash_event_lag_seconds",
        "Per batch: time from the oldest event's receipt by a collector to its commit (event-bus and stream lag)");
    batchEvents = DistributionSummary.builder("dvmdash_batch_events").description("Events per processed batch")
        .baseUnit("events").serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000).register(r);
    committed = Counter.builder("dvmdash_events_committed_total")
        .description("New distinct events applied to the rollups").register(r);
    alreadyApplied = Counter.builder("dvmdash_events_replayed_total")
        .description("Events received again after they were applied (ignored)").register(r);
    failures = Counter.builder("dvmdash_batch_failures_total").description("Batches that failed and were resent")
        .register(r);
  }

  private static Timer timer(MeterRegistry r, String name, String description) {
    return Timer.builder(name).description(description).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(120)).register(r);
  }

  /** Binds the processor's queue-depth gauges to the running verticle's state. */
  public void bindQueue(IntSupplier pendingEvents, IntSupplier batchesInFlight) {
    close();
    gauges = new VerticleMeters(registry)
        .gauge("dvmdash_processor_pending_events", "Events received and waiting for the next batch", Tags.empty(),
            pendingEvents, IntSupplier::getAsInt)
        .gauge("dvmdash_processor_batches_in_flight", "Batches being written or committed", Tags.empty(),
            batchesInFlight, IntSupplier::getAsInt);
  }

  /** Releases the queue-depth gauges (counters and timers stay). */
  @Override
  public void close() {
    if (gauges != null) {
      gauges.close();
      gauges = null;
    }
  }
}

package dvmdash.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Meters of the batch processor. */
public final class ProcessorMetrics {

  public final Timer batch;
  public final Timer mongoWrite;
  public final Timer rollupCommit;
  public final DistributionSummary batchEvents;
  public final Counter committed;
  public final Counter alreadyApplied;
  public final Counter failures;

  public ProcessorMetrics(MeterRegistry r) {
    batch = Timer.builder("dvmdash_batch_duration_seconds").description("Whole batch: raw write + rollups")
        .publishPercentileHistogram(false).register(r);
    mongoWrite = Timer.builder("dvmdash_mongo_write_seconds").description("Raw event write per batch").register(r);
    rollupCommit = Timer.builder("dvmdash_rollup_commit_seconds").description("PostgreSQL rollup transaction")
        .register(r);
    batchEvents = DistributionSummary.builder("dvmdash_batch_events").description("Events per batch").register(r);
    committed = Counter.builder("dvmdash_events_committed_total").description("New events applied to rollups")
        .register(r);
    alreadyApplied = Counter.builder("dvmdash_events_replayed_total")
        .description("Events received again after they were applied (ignored)").register(r);
    failures = Counter.builder("dvmdash_batch_failures_total").description("Batches that failed and were resent")
        .register(r);
  }
}

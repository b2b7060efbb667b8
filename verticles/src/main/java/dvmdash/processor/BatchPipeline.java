package dvmdash.processor;

import dvmdash.cluster.CommitGuard;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.RawEventStore;
import dvmdash.store.RollupRepository;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One batch. With raw events in PostgreSQL: one transaction stores the raw events and applies the rollups (skipping
 * ids already applied). With raw events in MongoDB, in order: raw events (idempotent), make that write durable,
 * then the rollups in one PostgreSQL transaction. A crash between any two steps leaves a state from which
 * replaying the batch gives exactly the same result as if it had not crashed. On several nodes the rollup commit runs
 * under the {@link CommitGuard} (etcd lock) and carries its fencing token.
 */
public final class BatchPipeline {

  private final RawEventStore events;
  private final RollupRepository rollups;
  private final Supplier<Future<Void>> afterRawWrite;
  private final ProcessorMetrics metrics;
  private final CommitGuard guard;

  public BatchPipeline(RawEventStore events, RollupRepository rollups, Supplier<Future<Void>> afterRawWrite,
                       ProcessorMetrics metrics) {
    this(events, rollups, afterRawWrite, metrics, CommitGuard.NONE);
  }

  public BatchPipeline(RawEventStore events, RollupRepository rollups, Supplier<Future<Void>> afterRawWrite,
                       ProcessorMetrics metrics, CommitGuard guard) {
    this.guard = guard;
    this.events = events;
    this.rollups = rollups;
    this.afterRawWrite = afterRawWrite;
    this.metrics = metrics;
  }

  public Future<RollupRepository.Applied> process(List<ReceivedEvent> received) {
    Map<String, NostrEvent> distinct = new LinkedHashMap<>();
    for (ReceivedEvent r : received) {
      if (r.event() != null) {
        distinct.putIfAbsent(r.eventId(), r.event());
      }
    }
    long t0 = System.nanoTime();
    List<NostrEvent> batch = new ArrayList<>(distinct.values());
    if (events.sharesRollupTransaction()) {
      return commit(distinct.size(), t0,
          token -> rollups.apply(batch, token, conn -> events.storeReturningNew(received, conn)));
    }
    return events.store(received, null)
        .compose(v -> afterRawWrite.get())
        .compose(v -> {
          metrics.mongoWrite.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
          return commit(distinct.size(), System.nanoTime(), token -> rollups.apply(batch, token));
        });
  }

  private Future<RollupRepository.Applied> commit(int distinct, long t1,
                                                  Function<Long, Future<RollupRepository.Applied>> apply) {
    return guard.guard(token -> {
          long t2 = System.nanoTime();
          return apply.apply(token)
              .onSuccess(a -> metrics.pgWrite.record(System.nanoTime() - t2, TimeUnit.NANOSECONDS));
        })
        .onSuccess(applied -> {
          metrics.rollupCommit.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
          metrics.committed.increment(applied.newEvents().size());
          metrics.alreadyApplied.increment(distinct - applied.newEvents().size());
        });
  }
}

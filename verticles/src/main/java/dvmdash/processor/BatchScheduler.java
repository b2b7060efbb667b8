package dvmdash.processor;

import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.store.RollupRepository.Applied;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups taken ingest batches into processing batches, flushed when {@code batch_size} events are pending or
 * {@code max_wait_ms} after the first one; runs up to {@code parallel_batches} of them at once (one can write raw
 * events while another commits its rollups; rollup merges are order-independent). Every taken batch is answered:
 * with the number of new events after the commit, or failed so its sender resends. {@link #drain} processes what was
 * taken before a stop. Confined to one event loop.
 */
public final class BatchScheduler {

  private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

  /** One taken ingest batch: its events and its sender's answer. */
  public interface Taken {

    List<ReceivedEvent> events();

    /** Committed: {@code newEvents} of the processing batch were new. */
    void reply(int newEvents);

    /** Not committed: the sender resends. */
    void fail(String message);

    /** An ingest batch from the event bus, answered through its message. */
    static Taken of(Message<IngestBatch> m) {
      return new Taken() {
        @Override
        public List<ReceivedEvent> events() {
          return m.body().events();
        }

        @Override
        public void reply(int newEvents) {
          m.reply(newEvents);
        }

        @Override
        public void fail(String message) {
          m.fail(500, message);
        }
      };
    }
  }

  /** Told about each committed processing batch. */
  public interface Committed {
    void committed(Applied applied, int received, long nanos);
  }

  private final Vertx vertx;
  private final ProcessorConfig cfg;
  private final Function<List<ReceivedEvent>, Future<Applied>> process;
  private final ProcessorMetrics metrics;
  private final Committed committed;
  private final BatchAccumulator<Taken> pending;
  private int flushing;
  private long timerId = -1;
  private Promise<Void> drained;

  /** {@code process}: stores one processing batch ({@link BatchPipeline#process}). */
  public BatchScheduler(Vertx vertx, ProcessorConfig cfg, Function<List<ReceivedEvent>, Future<Applied>> process,
                        ProcessorMetrics metrics, Committed committed) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.process = process;
    this.metrics = metrics;
    this.committed = committed;
    this.pending = new BatchAccumulator<>(cfg.batchSize());
    metrics.bindQueue(pending::events, () -> flushing);
  }

  public void add(Taken taken) {
    pending.add(taken, taken.events().size());
    if (pending.isFull()) {
      flush();
    } else if (timerId < 0) {
      timerId = vertx.setTimer(cfg.maxWaitMs(), id -> {
        timerId = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (flushing >= cfg.parallelBatches() || pending.isEmpty()) {
      if (drained != null && flushing == 0 && pending.isEmpty()) {
        drained.tryComplete();
      }
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    flushing++;
    List<Taken> batches = pending.drain();
    List<ReceivedEvent> received = new ArrayList<>();
    for (Taken t : batches) {
      received.addAll(t.events());
    }
    long started = System.nanoTime();
    metrics.batchEvents.record(received.size());
    process.apply(received)
        .onSuccess(applied -> {
          batches.forEach(t -> t.reply(applied.newEvents().size()));
          metrics.batch.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
          recordLag(received);
          committed.committed(applied, received.size(), System.nanoTime() - started);
        })
        .onFailure(err -> {
          metrics.failures.increment();
          log.warn("Batch of {} events failed, collectors will resend: {}", received.size(), err.toString());
          batches.forEach(t -> t.fail("batch failed: " + err.getMessage()));
        })
        .onComplete(ar -> {
          flushing--;
          if (drained != null) {
            flush();
          } else if (pending.isFull()) {
            flush();
          } else if (!pending.isEmpty() && timerId < 0) {
            timerId = vertx.setTimer(cfg.maxWaitMs(), id -> {
              timerId = -1;
              flush();
            });
          }
        });
  }

  private void recordLag(List<ReceivedEvent> received) {
    long oldest = Long.MAX_VALUE;
    for (ReceivedEvent r : received) {
      oldest = Math.min(oldest, r.receivedAtMillis());
    }
    if (oldest != Long.MAX_VALUE && oldest > 0) {
      metrics.lag.record(Math.max(0, System.currentTimeMillis() - oldest), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Processes and answers every batch already taken once {@code takingStopped} completes (nothing more is added);
   * completes when all are answered, or after {@code timeoutSeconds} with batches still in flight (their senders
   * resend them).
   */
  public Future<Void> drain(Future<?> takingStopped, long timeoutSeconds) {
    drained = Promise.promise();
    return takingStopped.transform(ar -> {
      flush();
      return drained.future().timeout(timeoutSeconds, TimeUnit.SECONDS)
          .recover(err -> {
            log.warn("Stopping with batches still in flight after {} s; their senders will resend them",
                timeoutSeconds);
            return Future.succeededFuture();
          });
    });
  }
}

package dvmdash.processor;

import dvmdash.lock.CommitGuard;
import dvmdash.lock.CommitGuards;
import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.store.RollupRepository;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring: takes ingest batches from the event bus, groups them into processing batches (size or max wait), runs the
 * {@link BatchPipeline} (up to {@code parallel_batches} at once: one can write raw events while another commits its
 * rollups; rollup merges are order-independent), then answers every message (success only after the PostgreSQL commit, so collectors resend
 * on failure) and announces what changed.
 */
public final class BatchProcessorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BatchProcessorVerticle.class);

  private static final long DRAIN_TIMEOUT_SECONDS = 30;

  private final Supplier<Future<Void>> afterRawWrite;
  private ProcessorConfig cfg;
  private Stores stores;
  private BatchPipeline pipeline;
  private CommitGuard guard;
  private ProcessorMetrics metrics;
  private BatchAccumulator<Message<IngestBatch>> pending;
  private int flushing;
  private long timerId = -1;
  private MessageConsumer<IngestBatch> consumer;
  private Promise<Void> drained;
  private final CommitAnnouncer announcer = new CommitAnnouncer();

  public BatchProcessorVerticle(Supplier<Future<Void>> afterRawWrite) {
    this.afterRawWrite = afterRawWrite;
  }

  @Override
  public Future<?> start() {
    cfg = ProcessorConfig.fromJson(config().getJsonObject("processor", config()));
    pending = new BatchAccumulator<>(cfg.batchSize());
    stores = Stores.connect(vertx, config(), "processor");
    RollupRepository rollups = RollupRepository.forConfig(stores.pg(), config());
    metrics = new ProcessorMetrics(AppMetrics.registry(vertx));
    metrics.bindQueue(() -> pending.events(), () -> flushing);
    String input = config().getJsonObject("processor", new JsonObject())
        .getString("input_address", Addresses.INGEST_EVENTS);
    return CommitGuards.fromConfig(vertx, config())
        .compose(g -> {
          guard = g;
          pipeline = new BatchPipeline(stores.raw(), rollups, afterRawWrite, metrics, g);
          return stores.raw().prepare();
        })
        .compose(v -> vertx.eventBus().consumer(Addresses.DVMS_KNOWN, m -> rollups.knownDvms()
            .onSuccess(list -> m.reply(new JsonArray(list)))
            .onFailure(err -> m.fail(500, err.getMessage()))).completion())
        .compose(v -> {
          consumer = vertx.eventBus().consumer(input, this::onBatch);
          return consumer.completion();
        });
  }

  private void onBatch(Message<IngestBatch> msg) {
    pending.add(msg, msg.body().events().size());
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
    List<Message<IngestBatch>> messages = pending.drain();
    List<ReceivedEvent> received = new ArrayList<>();
    for (Message<IngestBatch> m : messages) {
      received.addAll(m.body().events());
    }
    long started = System.nanoTime();
    metrics.batchEvents.record(received.size());
    pipeline.process(received)
        .onSuccess(applied -> {
          messages.forEach(m -> m.reply(applied.newEvents().size()));
          metrics.batch.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
          recordLag(received);
          announcer.committed(vertx, applied, received.size(), System.nanoTime() - started);
          if (!applied.newDvms().isEmpty()) {
            vertx.eventBus().publish(Addresses.DVMS_DISCOVERED, new JsonArray(applied.newDvms()));
          }
        })
        .onFailure(err -> {
          metrics.failures.increment();
          log.warn("Batch of {} events failed, collectors will resend: {}", received.size(), err.toString());
          messages.forEach(m -> m.fail(500, "batch failed: " + err.getMessage()));
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
      metrics.lag.record(Math.max(0, System.currentTimeMillis() - oldest), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Drains before stopping (a redeploy or a shutdown): stops taking batches, then processes and answers every batch
   * already taken, so nothing waits for a resend.
   */
  @Override
  public Future<?> stop() {
    drained = Promise.promise();
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.transform(ar -> {
      flush();
      return drained.future().timeout(DRAIN_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
          .recover(err -> {
            log.warn("Stopping with batches still in flight after {} s; their senders will resend them",
                DRAIN_TIMEOUT_SECONDS);
            return Future.succeededFuture();
          });
    }).eventually(this::close);
  }

  private Future<?> close() {
    if (metrics != null) {
      metrics.close();
    }
    Future<Void> unlocked = guard == null ? Future.succeededFuture() : guard.close();
    return unlocked.eventually(() -> stores == null ? Future.succeededFuture() : stores.close());
  }
}

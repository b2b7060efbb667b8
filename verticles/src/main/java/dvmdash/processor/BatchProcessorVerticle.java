package dvmdash.processor;

import dvmdash.cluster.CommitGuard;
import dvmdash.cluster.CommitGuards;
import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.store.RollupRepository;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Wiring: takes ingest batches from the event bus into a {@link BatchScheduler}, which groups them into processing
 * batches and runs the {@link BatchPipeline} on them (answering every message: success only after the PostgreSQL
 * commit, so collectors resend on failure); announces what changed ({@link CommitAnnouncer}, newly discovered DVMs),
 * and answers the list of known DVMs.
 */
public final class BatchProcessorVerticle extends VerticleBase {

  private static final long DRAIN_TIMEOUT_SECONDS = 30;

  private final Supplier<Future<Void>> afterRawWrite;
  private Stores stores;
  private BatchPipeline pipeline;
  private CommitGuard guard;
  private ProcessorMetrics metrics;
  private BatchScheduler scheduler;
  private MessageConsumer<IngestBatch> consumer;
  private final CommitAnnouncer announcer = new CommitAnnouncer();

  public BatchProcessorVerticle(Supplier<Future<Void>> afterRawWrite) {
    this.afterRawWrite = afterRawWrite;
  }

  @Override
  public Future<?> start() {
    ProcessorConfig cfg = ProcessorConfig.fromJson(config().getJsonObject("processor", config()));
    stores = Stores.connect(vertx, config(), "processor");
    RollupRepository rollups = RollupRepository.forConfig(stores.pg(), config());
    metrics = new ProcessorMetrics(AppMetrics.registry(vertx));
    scheduler = new BatchScheduler(vertx, cfg, received -> pipeline.process(received), metrics,
        (applied, received, nanos) -> {
          announcer.committed(vertx, applied, received, nanos);
          if (!applied.newDvms().isEmpty()) {
            vertx.eventBus().publish(Addresses.DVMS_DISCOVERED, new JsonArray(applied.newDvms()));
          }
        });
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
          consumer = vertx.eventBus().consumer(input, m -> scheduler.add(BatchScheduler.Taken.of(m)));
          return consumer.completion();
        });
  }

  /**
   * Drains before stopping (a redeploy or a shutdown): stops taking batches, then processes and answers every batch
   * already taken, so nothing waits for a resend.
   */
  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    Future<Void> drained = scheduler == null ? Future.succeededFuture()
        : scheduler.drain(unregistered, DRAIN_TIMEOUT_SECONDS);
    return drained.eventually(this::close);
  }

  private Future<?> close() {
    if (metrics != null) {
      metrics.close();
    }
    Future<Void> unlocked = guard == null ? Future.succeededFuture() : guard.close();
    return unlocked.eventually(() -> stores == null ? Future.succeededFuture() : stores.close());
  }
}

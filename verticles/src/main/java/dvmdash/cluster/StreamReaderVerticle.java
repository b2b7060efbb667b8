package dvmdash.cluster;

import dvmdash.health.Liveness;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.ProcessorConfig;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * In a processor node with the Redis queue on: a {@link StreamReader} feeding the local processor at
 * {@link Addresses#PROCESS_EVENTS}, and the {@link StreamBacklog} polled every {@link #BACKLOG_POLL_MILLIS} for the
 * queue meters. Config: the root config plus {@code node_id} (the consumer name). Registers a {@link Liveness} check:
 * work handed to the processor without any commit for {@code processor.health_stall_seconds} turns {@code /health}
 * to 503 (on a processor-only node no collector check would see a wedged processor).
 */
public final class StreamReaderVerticle extends VerticleBase {

  /** Longer than the processor's commit lock wait, so a reply normally arrives before the request times out. */
  static final long PROCESS_TIMEOUT_MILLIS = 120_000;
  static final long BACKLOG_POLL_MILLIS = 5_000;

  private Redis redis;
  private StreamReader reader;
  private VerticleMeters meters;
  private long backlogTimer = -1;
  private Liveness.Registration liveness;
  private final LongSupplier clock;

  public StreamReaderVerticle() {
    this(System::currentTimeMillis);
  }

  /** With the clock (unix milliseconds) that times the processor's progress, for tests. */
  public StreamReaderVerticle(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    redis = RedisClients.create(vertx, cfg, cfg.readsInFlight());
    reader = new StreamReader(vertx, redis, cfg, config().getString("node_id"), Addresses.PROCESS_EVENTS,
        PROCESS_TIMEOUT_MILLIS, clock);
    long stallLimitMillis = ProcessorConfig.fromJson(config().getJsonObject("processor", new JsonObject()))
        .healthStallSeconds() * 1000;
    liveness = Liveness.of(vertx).register(() -> stallProblem(reader.progress(), stallLimitMillis,
        clock.getAsLong()));
    StreamBacklog backlog = new StreamBacklog(redis, cfg, System::currentTimeMillis);
    Tags none = Tags.empty();
    meters = new VerticleMeters(AppMetrics.registry(vertx))
        .counter("dvmdash_queue_read_events_total", "Events read from the stream and committed", none, reader,
            StreamReader::processed)
        .counter("dvmdash_queue_claimed_entries_total", "Stream entries claimed from idle consumers", none, reader,
            StreamReader::claimed)
        .counter("dvmdash_queue_errors_total", "Failed reads, claims, undecodable entries and failed batches", none,
            reader, StreamReader::errors)
        .gauge("dvmdash_stream_entries", "Entries in the Redis stream (XLEN): the unprocessed backlog", none, backlog,
            StreamBacklog::entries)
        .gauge("dvmdash_stream_pending_entries", "Entries delivered to a processor and not yet acknowledged", none,
            backlog, StreamBacklog::pending)
        .gauge("dvmdash_stream_lag_entries", "Entries not yet delivered to any processor of the group", none,
            backlog, StreamBacklog::lag)
        .gauge("dvmdash_stream_oldest_entry_age_seconds", "Age of the oldest unprocessed entry (stream lag in time)",
            none, backlog, StreamBacklog::oldestAgeSeconds)
        .counter("dvmdash_stream_poll_errors_total", "Failed backlog polls", none, backlog,
            StreamBacklog::pollErrors);
    return reader.start().onSuccess(v -> {
      backlog.poll();
      backlogTimer = vertx.setPeriodic(BACKLOG_POLL_MILLIS, t -> backlog.poll());
    });
  }

  /** The {@code /health} problem when work has waited {@code limitMillis} or longer without a commit. */
  static Optional<String> stallProblem(ProcessingProgress progress, long limitMillis, long nowMillis) {
    long stalled = progress.stalledMillis(nowMillis);
    return stalled < limitMillis ? Optional.empty() : Optional.of("processor: stream entries handed to the processor"
        + " without any commit for " + stalled / 1000 + " s (" + progress.inFlight() + " batches unanswered)");
  }

  @Override
  public Future<?> stop() {
    if (liveness != null) {
      liveness.close();
    }
    if (backlogTimer >= 0) {
      vertx.cancelTimer(backlogTimer);
    }
    if (meters != null) {
      meters.close();
    }
    Future<Void> drained = reader == null ? Future.succeededFuture() : reader.stop();
    return drained.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}

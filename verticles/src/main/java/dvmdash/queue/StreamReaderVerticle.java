package dvmdash.queue;

import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.QueueConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;

/**
 * In a processor node with the Redis queue on: a {@link StreamReader} feeding the local processor at
 * {@link Addresses#PROCESS_EVENTS}. Config: the root config plus {@code node_id} (the consumer name).
 */
public final class StreamReaderVerticle extends VerticleBase {

  /** Longer than the processor's commit lock wait, so a reply normally arrives before the request times out. */
  static final long PROCESS_TIMEOUT_MILLIS = 120_000;

  private Redis redis;
  private StreamReader reader;

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    redis = RedisClients.create(vertx, cfg, cfg.readsInFlight());
    reader = new StreamReader(vertx, redis, cfg, config().getString("node_id"), Addresses.PROCESS_EVENTS,
        PROCESS_TIMEOUT_MILLIS);
    var r = AppMetrics.registry();
    FunctionCounter.builder("dvmdash_queue_read_events_total", reader, StreamReader::processed).register(r);
    FunctionCounter.builder("dvmdash_queue_claimed_entries_total", reader, StreamReader::claimed).register(r);
    FunctionCounter.builder("dvmdash_queue_errors_total", reader, StreamReader::errors).register(r);
    return reader.start();
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = reader == null ? Future.succeededFuture() : reader.stop();
    return drained.eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}

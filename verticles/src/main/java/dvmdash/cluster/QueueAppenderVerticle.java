package dvmdash.cluster;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.store.RedisClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a collector node whose processors run elsewhere: takes the collectors' {@link IngestBatch}es on
 * {@link Addresses#INGEST_EVENTS} (as the local processor would) and replies once the batch is in the Redis stream.
 * While the stream is at its high-water mark the reply is a failure (503), so the collectors keep the batch, retry
 * it with backoff and pause their sockets when too much is outstanding: the existing backpressure.
 */
public final class QueueAppenderVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(QueueAppenderVerticle.class);

  private Redis redis;
  private VerticleMeters meters;

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    redis = RedisClients.create(vertx, cfg, 0);
    RedisEventQueue queue = new RedisEventQueue(redis, cfg);
    meters = register(AppMetrics.registry(vertx), queue, cfg);
    return vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, msg -> queue.append(msg.body().events())
            .onSuccess(v -> msg.reply(msg.body().events().size()))
            .onFailure(err -> {
              if (!(err instanceof QueueFullException)) {
                log.warn("Cannot append {} events to the stream: {}", msg.body().events().size(), err.toString());
              }
              msg.fail(503, err.getMessage());
            }))
        .completion()
        .onSuccess(v -> log.info("Collector batches go to Redis stream {} (high water {} entries)", cfg.stream(),
            cfg.highWater()));
  }

  private static VerticleMeters register(MeterRegistry r, RedisEventQueue q, QueueConfig cfg) {
    Tags none = Tags.empty();
    return new VerticleMeters(r)
        .gauge("dvmdash_queue_backpressure", "1 while the Redis stream is at its high-water mark and collectors hold"
            + " back", none, q, x -> x.full() ? 1 : 0)
        .gauge("dvmdash_queue_stream_length", "Stream entries not yet processed, as seen by the last append", none, q,
            RedisEventQueue::lastLength)
        .gauge("dvmdash_queue_high_water", "Stream length at which collectors stop appending", none, cfg,
            QueueConfig::highWater)
        .counter("dvmdash_queue_appended_events_total", "Events appended to the Redis stream", none, q,
            RedisEventQueue::appended)
        .counter("dvmdash_queue_suppressed_events_total",
            "Events another collector had queued already (sent as sightings)", none, q, RedisEventQueue::suppressed);
  }

  @Override
  public Future<?> stop() {
    if (meters != null) {
      meters.close();
    }
    if (redis != null) {
      redis.close();
    }
    return Future.succeededFuture();
  }
}

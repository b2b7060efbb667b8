package dvmdash.store;

import dvmdash.shared.config.QueueConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** The Redis client of a verticle: pooled, RESP2 replies (arrays, as the stream parsers expect). */
public final class RedisClients {

  private RedisClients() {
  }

  public static Redis create(Vertx vertx, QueueConfig cfg, int blockingReaders) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(cfg.url())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2)
        .setMaxPoolSize(blockingReaders + 4)
        .setMaxPoolWaiting(256));
  }
}

package dvmdash.collector;

import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

/**
 * The cursor mirror a collector's config names: none on a single node, else the cluster's shared cursors in Redis
 * ({@link RedisCursorMirror} at {@link RelayCollectorVerticle#CURSOR_MIRROR_REDIS_URL}). Owns the Redis client it
 * opens and closes it in {@link #close()}.
 */
final class CursorMirrorClient {

  private final CursorMirror mirror;
  private final Redis redis;

  private CursorMirrorClient(CursorMirror mirror, Redis redis) {
    this.mirror = mirror;
    this.redis = redis;
  }

  static CursorMirrorClient fromConfig(Vertx vertx, JsonObject config) {
    String url = config.getString(RelayCollectorVerticle.CURSOR_MIRROR_REDIS_URL, "");
    if (url.isBlank()) {
      return new CursorMirrorClient(CursorMirror.NONE, null);
    }
    QueueConfig queue = QueueConfig.fromJson(new JsonObject().put("redis", new JsonObject().put("url", url)
        .put("stream", config.getString(RelayCollectorVerticle.CURSOR_MIRROR_STREAM, "dvmdash:events"))));
    Redis redis = RedisClients.create(vertx, queue, 0);
    return new CursorMirrorClient(new RedisCursorMirror(redis, queue.stream()), redis);
  }

  CursorMirror mirror() {
    return mirror;
  }

  Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}

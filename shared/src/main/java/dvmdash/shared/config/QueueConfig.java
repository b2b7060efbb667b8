package dvmdash.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * The Redis Streams queue between collector and processor nodes (config object {@code redis}). Disabled when
 * {@code url} is blank: then collectors hand batches to the local processor over the event bus.
 *
 * @param url              {@code redis://host:6379} (env {@code DVMDASH_REDIS_URL})
 * @param stream           stream key; one entry per collector micro-batch
 * @param group            consumer group of the processors
 * @param highWater        stream length (entries) at which collectors stop appending (backpressure)
 * @param dedupTtlSeconds  lifetime of the per-event-id key that suppresses copies from other collectors
 * @param claimIdleMillis  entries pending this long on a consumer are claimed by another (XAUTOCLAIM)
 * @param readCount        entries per XREADGROUP
 * @param readsInFlight    XREADGROUP answers being processed at once per processor
 */
public record QueueConfig(String url, String stream, String group, long highWater, long dedupTtlSeconds,
                          long claimIdleMillis, int readCount, int readsInFlight) {

  public static final String KEY = "redis";

  public static QueueConfig fromJson(JsonObject root) {
    JsonObject j = root.getJsonObject(KEY, new JsonObject());
    String url = j.getString("url", "");
    QueueConfig c = new QueueConfig(url == null ? "" : url.trim(),
        j.getString("stream", "dvmdash:events"),
        j.getString("group", "processors"),
        j.getLong("high_water", 20_000L),
        j.getLong("dedup_ttl_seconds", 3600L),
        j.getLong("claim_idle_ms", 30_000L),
        j.getInteger("read_count", 8),
        j.getInteger("reads_in_flight", 4));
    if (c.enabled() && !c.url.startsWith("redis://") && !c.url.startsWith("rediss://")) {
      throw new IllegalArgumentException("redis.url must start with redis:// or rediss://, got " + c.url);
    }
    if (c.highWater < 1 || c.dedupTtlSeconds < 1 || c.claimIdleMillis < 100 || c.readCount < 1
        || c.readsInFlight < 1) {
      throw new IllegalArgumentException("redis: high_water, dedup_ttl_seconds, read_count, reads_in_flight must be"
          + " positive and claim_idle_ms at least 100");
    }
    return c;
  }

  public boolean enabled() {
    return !url.isEmpty();
  }
}

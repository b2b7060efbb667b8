package dvmdash.collector;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

/**
 * Publishes a collector's relay status to Redis so that any node (also an API-only one) can show every relay of the
 * cluster: hash {@link #KEY}, field = relay URL, value = the status object of {@code Addresses.RELAYS_STATUS} plus
 * {@code node} (this collector's node id) and {@code status_at} (epoch milliseconds of the publication). Called every
 * {@link #PERIOD_MILLIS}; readers treat entries older than {@link #STALE_AFTER_MILLIS} as stale (the collector that
 * wrote them stopped publishing, e.g. died or gave the relay up).
 */
public final class RelayStatusPublisher {

  public static final String KEY = "dvmdash:relays:status";
  public static final long PERIOD_MILLIS = 2_000;
  public static final long STALE_AFTER_MILLIS = 3 * PERIOD_MILLIS;

  private final Redis redis;
  private final String nodeId;

  public RelayStatusPublisher(Redis redis, String nodeId) {
    this.redis = redis;
    this.nodeId = nodeId;
  }

  /** The hash value for one relay's status. */
  public static JsonObject entry(JsonObject status, String nodeId, long nowMillis) {
    return status.copy().put("node", nodeId).put("status_at", nowMillis);
  }

  /** Writes every status of {@code statuses} (one HSET); nothing to do for an empty array. */
  public Future<Void> publish(JsonArray statuses, long nowMillis) {
    if (statuses == null || statuses.isEmpty()) {
      return Future.succeededFuture();
    }
    Request hset = Request.cmd(Command.HSET).arg(KEY);
    for (Object o : statuses) {
      JsonObject s = (JsonObject) o;
      hset.arg(s.getString("url")).arg(entry(s, nodeId, nowMillis).encode());
    }
    return redis.send(hset).mapEmpty();
  }
}

package dvmdash.cluster;

import dvmdash.shared.Addresses;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the DVM directory (pubkeys whose kind 0 profiles the collectors subscribe to) between nodes through the
 * Redis set {@code <stream>:dvms}, bounded by the number of DVMs. A processor node adds the DVMs its processor
 * knows and discovers (and its whole list again every {@code RESYNC_MILLIS}, so an add lost to a Redis outage is
 * repaired); a collector node without a processor answers {@link Addresses#DVMS_KNOWN} from the set and
 * publishes its members on {@link Addresses#DVMS_DISCOVERED} every {@code POLL_MILLIS} (collectors ignore known ones).
 */
public final class DvmDirectorySyncVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(DvmDirectorySyncVerticle.class);
  static final long POLL_MILLIS = 2000;
  static final long RESYNC_MILLIS = 10_000;

  private Redis redis;
  private String key;

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    NodeRoles roles = NodeRoles.fromJson(config());
    redis = RedisClients.create(vertx, cfg, 0);
    key = cfg.stream() + ":dvms";
    if (roles.processor()) {
      // SADD is idempotent and the set bounded by the number of DVMs: re-adding the processor's whole list every
      // RESYNC_MILLIS repairs an add that failed (Redis down when the DVM was discovered; it is announced only once)
      vertx.setPeriodic(RESYNC_MILLIS, RESYNC_MILLIS, id -> seed());
      return vertx.eventBus().<JsonArray>consumer(Addresses.DVMS_DISCOVERED, m -> add(m.body())).completion()
          .compose(v -> seed());
    }
    vertx.setPeriodic(POLL_MILLIS, POLL_MILLIS, id -> members()
        .onSuccess(all -> vertx.eventBus().publish(Addresses.DVMS_DISCOVERED, all))
        .onFailure(err -> log.debug("Cannot read {}: {}", key, err.toString())));
    return vertx.eventBus().consumer(Addresses.DVMS_KNOWN, m -> members()
        .onSuccess(m::reply)
        .onFailure(err -> m.fail(503, err.getMessage()))).completion();
  }

  /** Adds every DVM the local processor knows. */
  private Future<Void> seed() {
    return vertx.eventBus().<JsonArray>request(Addresses.DVMS_KNOWN, null)
        .compose(m -> add(m.body()))
        .recover(err -> {
          log.warn("Cannot seed {} from the processor: {}", key, err.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Void> add(JsonArray pubkeys) {
    if (pubkeys == null || pubkeys.isEmpty()) {
      return Future.succeededFuture();
    }
    Request sadd = Request.cmd(Command.SADD).arg(key);
    pubkeys.forEach(pk -> sadd.arg(String.valueOf(pk)));
    return redis.send(sadd).<Void>mapEmpty()
        .onFailure(err -> log.warn("Cannot add {} DVMs to {}: {}", pubkeys.size(), key, err.toString()))
        .otherwiseEmpty();
  }

  private Future<JsonArray> members() {
    return redis.send(Request.cmd(Command.SMEMBERS).arg(key)).map(r -> {
      JsonArray out = new JsonArray();
      for (Response pk : r) {
        out.add(pk.toString());
      }
      return out;
    });
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}

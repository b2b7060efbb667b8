package dvmdash.cluster;

import dvmdash.shared.Addresses;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the requesters the API showed (whose kind 0 profiles the collectors follow, {@link Addresses#PROFILES_WANTED})
 * between nodes through the Redis sorted set {@code <stream>:requesters} (member = pubkey, score = when last shown, ms),
 * kept to the newest {@link CollectorConfig#MAX_REQUESTER_PROFILES}. An API node adds what it shows; a collector node
 * reads, every {@code POLL_MILLIS}, the members shown since its last read (at start the newest
 * {@link CollectorConfig#MAX_REQUESTER_PROFILES}) and publishes them locally, oldest first, so its own bound
 * ({@code requester_profiles_max}) keeps the most recently shown. Every collector follows them on its own relays.
 */
public final class RequesterDirectorySyncVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RequesterDirectorySyncVerticle.class);
  static final long POLL_MILLIS = 2000;
  private static final String ORIGIN = "origin";
  private static final String FROM_REDIS = "redis";

  private Redis redis;
  private String key;
  private double readUpTo = Double.NEGATIVE_INFINITY;

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    NodeRoles roles = NodeRoles.fromJson(config());
    redis = RedisClients.create(vertx, cfg, 0);
    key = cfg.stream() + ":requesters";
    List<Future<?>> started = new ArrayList<>();
    if (roles.collector()) {
      vertx.setPeriodic(0, POLL_MILLIS, id -> poll());
    }
    if (roles.api()) {
      started.add(vertx.eventBus().<JsonArray>consumer(Addresses.PROFILES_WANTED, m -> {
        // what this verticle read from Redis is not written back (a node with both roles would loop)
        if (!FROM_REDIS.equals(m.headers().get(ORIGIN))) {
          add(m.body());
        }
      }).completion());
    }
    return Future.all(started);
  }

  private void add(JsonArray pubkeys) {
    if (pubkeys == null || pubkeys.isEmpty()) {
      return;
    }
    String now = Long.toString(System.currentTimeMillis());
    Request zadd = Request.cmd(Command.ZADD).arg(key);
    pubkeys.forEach(pk -> zadd.arg(now).arg(String.valueOf(pk)));
    redis.send(zadd)
        .compose(r -> redis.send(Request.cmd(Command.ZREMRANGEBYRANK).arg(key).arg(0)
            .arg(-(CollectorConfig.MAX_REQUESTER_PROFILES + 1))))
        .onFailure(err -> log.debug("Cannot add {} requesters to {}: {}", pubkeys.size(), key, err.toString()));
  }

  /** Publishes the requesters shown since the last read (from its last score on), oldest first. */
  private void poll() {
    String from = readUpTo == Double.NEGATIVE_INFINITY ? "-inf" : Long.toString((long) readUpTo);
    redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(from).arg("+inf").arg("WITHSCORES"))
        .onSuccess(r -> {
          List<String> members = new ArrayList<>();
          double max = readUpTo;
          boolean pairs = r.size() > 0 && r.get(0).type() == ResponseType.MULTI;
          // RESP3 answers [member, score] pairs, RESP2 a flat list member, score, …
          for (int i = 0; i < r.size(); i += pairs ? 1 : 2) {
            Response member = pairs ? r.get(i).get(0) : r.get(i);
            Response score = pairs ? r.get(i).get(1) : r.get(i + 1);
            members.add(member.toString());
            max = Math.max(max, score.toDouble());
          }
          readUpTo = max;
          if (!members.isEmpty()) {
            vertx.eventBus().publish(Addresses.PROFILES_WANTED, new JsonArray(members),
                new DeliveryOptions().addHeader(ORIGIN, FROM_REDIS));
          }
        })
        .onFailure(err -> log.debug("Cannot read {}: {}", key, err.toString()));
  }

  @Override
  public Future<?> stop() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}

package dvmdash.cluster;

import dvmdash.shared.Addresses;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring for live updates across nodes ({@link CommitFeed}): on a processor node, every local
 * {@link Addresses#BATCH_COMMITTED} summary is appended to the feed; on an API node, summaries committed by other
 * nodes' processors are read from the feed and published locally on {@link Addresses#BATCH_COMMITTED}, so the
 * dashboard's stream shows every node's jobs (its own ones arrive locally, never twice).
 */
public final class CommitFeedVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CommitFeedVerticle.class);
  static final long BLOCK_MILLIS = 2000;
  static final long ERROR_PAUSE_MILLIS = 1000;

  private Redis redis;
  private CommitFeed feed;
  private String me;
  private volatile boolean stopped;

  @Override
  public Future<?> start() {
    QueueConfig cfg = QueueConfig.fromJson(config());
    NodeRoles roles = NodeRoles.fromJson(config());
    me = config().getString("node_id");
    redis = RedisClients.create(vertx, cfg, 1);
    feed = new CommitFeed(redis, cfg.stream());
    Future<Void> f = Future.succeededFuture();
    if (roles.processor()) {
      f = vertx.eventBus().<JsonObject>consumer(Addresses.BATCH_COMMITTED, m -> {
        if (!m.headers().contains("remote")) {
          feed.append(me, m.body()).onFailure(err -> log.debug("Cannot append to {}: {}", feed.key(), err.toString()));
        }
      }).completion();
    }
    if (roles.api()) {
      f = f.compose(v -> feed.lastId().recover(err -> Future.succeededFuture("$")))
          .onSuccess(this::readLoop).mapEmpty();
    }
    return f;
  }

  private void readLoop(String after) {
    if (stopped) {
      return;
    }
    feed.read(after, BLOCK_MILLIS, 100).onComplete(ar -> {
      if (ar.failed()) {
        log.debug("Cannot read {}: {}", feed.key(), ar.cause().toString());
        vertx.setTimer(ERROR_PAUSE_MILLIS, id -> readLoop(after));
        return;
      }
      if (ar.result().isEmpty()) {
        // Redis lost the feed (restarted without data): its new ids are below ours, start from its newest
        feed.lastId().onComplete(id -> readLoop(id.succeeded() && CommitFeed.compareIds(id.result(), after) < 0
            ? id.result() : after));
        return;
      }
      String last = after;
      for (CommitFeed.Entry e : ar.result()) {
        last = e.id();
        if (!e.origin().equals(me)) {
          vertx.eventBus().publish(Addresses.BATCH_COMMITTED, e.batch(),
              new io.vertx.core.eventbus.DeliveryOptions().addHeader("remote", e.origin()));
        }
      }
      readLoop(last);
    });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}

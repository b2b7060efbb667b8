package dvmdash.cluster;

import dvmdash.collector.RelayCollectorVerticle;
import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import dvmdash.collector.RelayStatusPublisher;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.etcd.jetcd.Client;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a collector node with etcd: seeds the cluster's relay list in etcd ({@link EtcdRelayList}) from the configured
 * relays when it is absent, shares that list with the other collectors ({@link RelayBalancer} every
 * {@code etcd.rebalance_ms}, re-reading the list each step so admin edits take effect) and runs a
 * {@link RelayCollectorVerticle} for the relays this node owns, redeploying it (drained: cursors flushed,
 * unacknowledged events re-fetched) whenever that set or a mark changes. With {@code redis.url} set it publishes the
 * owned relays' status to Redis every {@link RelayStatusPublisher#PERIOD_MILLIS} for the API nodes. Config: the root
 * config with the collector's settings under {@code collector} and {@code node_id}.
 */
public final class RelayBalancerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RelayBalancerVerticle.class);

  private Client client;
  private Redis redis;
  private LeaseKeeper lease;
  private String collectorDeployment;
  private long timer = -1;
  private long statusTimer = -1;

  @Override
  public Future<?> start() {
    EtcdConfig cfg = EtcdConfig.fromJson(config());
    JsonObject collector = config().getJsonObject("collector");
    RelayList configured = RelayList.fromJson(collector.getJsonArray(CollectorConfig.RELAYS, new JsonArray()));
    String me = config().getString("node_id");
    client = EtcdClients.create(cfg);
    EtcdRelayList list = new EtcdRelayList(context, client, cfg.prefix(), configured);
    lease = new LeaseKeeper(vertx, client, cfg.leaseTtlSeconds());
    RelayBalancer balancer = new RelayBalancer(list::list, new RelayClaims(context, client, cfg.prefix(), me), lease,
        me, owned -> redeploy(collector, owned));
    QueueConfig queue = QueueConfig.fromJson(config());
    if (queue.enabled()) {
      redis = RedisClients.create(vertx, queue, 0);
      RelayStatusPublisher publisher = new RelayStatusPublisher(redis, me);
      statusTimer = vertx.setPeriodic(RelayStatusPublisher.PERIOD_MILLIS, t -> {
        if (collectorDeployment != null) {
          vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null)
              .compose(m -> publisher.publish(m.body(), System.currentTimeMillis()))
              .onFailure(err -> log.debug("Relay status not published: {}", err.toString()));
        }
      });
    }
    return list.seed()
        .onSuccess(created -> {
          if (created) {
            log.info("Seeded the cluster relay list in etcd with the {} configured relays", configured.size());
          }
        })
        .compose(v -> lease.start())
        .compose(id -> balancer.step())
        .onSuccess(v -> timer = vertx.setPeriodic(cfg.rebalanceMillis(), t -> balancer.step()));
  }

  private Future<Void> redeploy(JsonObject collector, List<RelayEntry> owned) {
    Future<Void> stopped = collectorDeployment == null ? Future.succeededFuture()
        : vertx.undeploy(collectorDeployment);
    collectorDeployment = null;
    if (owned.isEmpty()) {
      return stopped;
    }
    JsonObject cfg = collector.copy()
        .put(CollectorConfig.RELAYS, new JsonArray(owned.stream().map(RelayEntry::url).toList()))
        .put(RelayCollectorVerticle.HIGH_ACTIVITY_RELAYS,
            new JsonArray(owned.stream().filter(RelayEntry::high).map(RelayEntry::url).toList()));
    return stopped.compose(v -> vertx.deployVerticle(new RelayCollectorVerticle(),
            new DeploymentOptions().setConfig(cfg)))
        .map(id -> {
          collectorDeployment = id;
          return null;
        });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (statusTimer >= 0) {
      vertx.cancelTimer(statusTimer);
    }
    if (redis != null) {
      redis.close();
    }
    return lease == null ? Future.succeededFuture() : lease.stop().eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }
}

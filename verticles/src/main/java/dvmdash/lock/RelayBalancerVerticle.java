package dvmdash.lock;

import dvmdash.collector.RelayCollectorVerticle;
import dvmdash.shared.config.EtcdConfig;
import io.etcd.jetcd.Client;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * In a collector node with etcd: shares the configured relay list with the other collectors ({@link RelayBalancer}
 * every {@code etcd.rebalance_ms}) and runs a {@link RelayCollectorVerticle} for the relays this node owns,
 * redeploying it (drained: cursors flushed, unacknowledged events re-fetched) whenever that set changes. Config: the
 * root config with the collector's settings under {@code collector} and {@code node_id}.
 */
public final class RelayBalancerVerticle extends VerticleBase {

  private Client client;
  private LeaseKeeper lease;
  private String collectorDeployment;
  private long timer = -1;

  @Override
  public Future<?> start() {
    EtcdConfig cfg = EtcdConfig.fromJson(config());
    JsonObject collector = config().getJsonObject("collector");
    List<String> relays = collector.getJsonArray("relays").stream().map(String::valueOf).toList();
    String me = config().getString("node_id");
    client = EtcdClients.create(cfg);
    lease = new LeaseKeeper(vertx, client, cfg.leaseTtlSeconds());
    RelayBalancer balancer = new RelayBalancer(relays, new RelayClaims(context, client, cfg.prefix(), me), lease, me,
        owned -> redeploy(collector, owned));
    return lease.start()
        .compose(id -> balancer.step())
        .onSuccess(v -> timer = vertx.setPeriodic(cfg.rebalanceMillis(), t -> balancer.step()));
  }

  private Future<Void> redeploy(JsonObject collector, List<String> owned) {
    Future<Void> stopped = collectorDeployment == null ? Future.succeededFuture()
        : vertx.undeploy(collectorDeployment);
    collectorDeployment = null;
    if (owned.isEmpty()) {
      return stopped;
    }
    JsonObject cfg = collector.copy().put("relays", new JsonArray(owned));
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
    return lease == null ? Future.succeededFuture() : lease.stop().eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }
}

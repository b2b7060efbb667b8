package dvmdash.api;

import dvmdash.cluster.EtcdClients;
import dvmdash.cluster.EtcdRelayList;
import dvmdash.cluster.RelayClaims;
import dvmdash.collector.RelayList;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import io.etcd.jetcd.Client;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;

/**
 * Where an API node reads and edits the relay list and reads relay status: the etcd list and claims when
 * {@code etcd.endpoints} is set, the Redis status hash when {@code redis.url} is set, else the local collector. Owns
 * the etcd and Redis clients it opens and closes them in {@link #close()}.
 */
public final class RelaySources implements AutoCloseable {

  private final RelayDirectory directory;
  private final RelayListEditor editor;
  private final Client etcd;
  private final Redis redis;

  private RelaySources(RelayDirectory directory, RelayListEditor editor, Client etcd, Redis redis) {
    this.directory = directory;
    this.editor = editor;
    this.etcd = etcd;
    this.redis = redis;
  }

  /** The sources {@code config} (an API verticle's) names; etcd callbacks land on {@code context}. */
  public static RelaySources fromConfig(Vertx vertx, Context context, JsonObject config) {
    EtcdConfig etcdConfig = EtcdConfig.fromJson(config);
    String nodeId = config.getString("node_id", "");
    Client etcd = null;
    EtcdRelayList relayList = null;
    if (etcdConfig.enabled()) {
      etcd = EtcdClients.create(etcdConfig);
      RelayList configured = RelayList.fromJson(config.getJsonObject("collector", new JsonObject())
          .getJsonArray(CollectorConfig.RELAYS, new JsonArray()));
      relayList = new EtcdRelayList(context, etcd, etcdConfig.prefix(), configured);
    }
    QueueConfig queue = QueueConfig.fromJson(config);
    Redis redis = queue.enabled() ? RedisClients.create(vertx, queue, 0) : null;
    RelayClaims claims = etcd == null ? null : new RelayClaims(context, etcd, etcdConfig.prefix(), nodeId);
    RelayDirectory directory = new RelayDirectory(vertx, relayList == null ? null : relayList::list,
        claims == null ? null : claims::claims, redis, nodeId, System::currentTimeMillis);
    return new RelaySources(directory, new RelayListEditor(vertx, relayList), etcd, redis);
  }

  /** Every relay with its mark, owner and status. */
  public RelayDirectory directory() {
    return directory;
  }

  /** Applies operator edits where the list lives. */
  public RelayListEditor editor() {
    return editor;
  }

  @Override
  public void close() {
    if (etcd != null) {
      etcd.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}

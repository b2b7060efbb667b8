package dvmdash.api;

import dvmdash.cluster.EtcdClients;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.shared.config.QueueConfig;
import dvmdash.store.RedisClients;
import dvmdash.store.Stores;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The dependencies a node's roles need, each as a named probe: {@code postgresql} ({@code SELECT 1}) and
 * {@code mongodb} ({@code ping}) for the processor and API roles, {@code redis} ({@code PING}) and {@code etcd} (a
 * read of one key) for collectors and processors when {@code redis.url} / {@code etcd.endpoints} are set. The probes
 * use their own clients (the API's stores when given), so a dependency that stops and comes back is seen as such.
 */
public final class DependencyChecks {

  /** Names of the probes, as they appear in {@code /ready}. */
  public static final String POSTGRESQL = "postgresql";
  public static final String MONGODB = "mongodb";
  public static final String REDIS = "redis";
  public static final String ETCD = "etcd";

  private final Map<String, Supplier<Future<?>>> probes = new LinkedHashMap<>();
  private final List<Runnable> closers = new ArrayList<>();

  private DependencyChecks() {
  }

  /**
   * The probes for the roles in {@code root} ({@code role}); {@code stores} are the API's clients to reuse, or null
   * to open probe clients when the roles need the stores.
   */
  public static DependencyChecks forNode(Vertx vertx, JsonObject root, Stores stores) {
    DependencyChecks c = new DependencyChecks();
    NodeRoles roles = NodeRoles.fromJson(root);
    if (roles.needsStores()) {
      Stores s = stores;
      if (s == null) {
        Stores own = Stores.connect(vertx, root, "ready");
        c.closers.add(own::close);
        s = own;
      }
      Stores probe = s;
      c.probes.put(POSTGRESQL, () -> probe.pg().query("SELECT 1").execute());
      if (probe.mongo() != null) {
        c.probes.put(MONGODB, () -> probe.mongo().runCommand("ping", new JsonObject().put("ping", 1)));
      }
    }
    boolean pipeline = roles.collector() || roles.processor();
    QueueConfig queue = QueueConfig.fromJson(root);
    if (pipeline && queue.enabled()) {
      Redis redis = RedisClients.create(vertx, queue, 0);
      c.closers.add(redis::close);
      c.probes.put(REDIS, () -> redis.send(Request.cmd(Command.PING)));
    }
    EtcdConfig etcd = EtcdConfig.fromJson(root);
    if (pipeline && etcd.enabled()) {
      Client client = EtcdClients.create(etcd);
      c.closers.add(client::close);
      var key = EtcdClients.bytes(etcd.prefix() + "ready-probe");
      var context = vertx.getOrCreateContext();
      c.probes.put(ETCD, () -> Future.fromCompletionStage(
          client.getKVClient().get(key, GetOption.builder().withCountOnly(true).build()), context));
    }
    return c;
  }

  /** For tests: probes given by name. */
  static DependencyChecks of(Map<String, Supplier<Future<?>>> probes) {
    DependencyChecks c = new DependencyChecks();
    c.probes.putAll(probes);
    return c;
  }

  /** The probes in a stable order. */
  public Map<String, Supplier<Future<?>>> probes() {
    return probes;
  }

  /** Closes the probe clients this object opened. */
  public void close() {
    closers.forEach(Runnable::run);
    closers.clear();
  }
}

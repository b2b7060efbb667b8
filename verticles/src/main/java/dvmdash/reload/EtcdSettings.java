package dvmdash.reload;

import dvmdash.cluster.EtcdClients;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide setting overrides kept in etcd under {@code <prefix>config} as one JSON object, for example
 * {@code {"processor": {"batch_size": 5000}}}. Only redeployable sections ({@link Component#sections()}) are taken:
 * stores, Redis, etcd and role stay per droplet, so that one key cannot re-point every node at once. A missing key
 * is an empty override; a key that is not a JSON object fails the load (the node keeps its running settings).
 */
public final class EtcdSettings {

  private static final Logger log = LoggerFactory.getLogger(EtcdSettings.class);

  private final Client client;
  private final String key;
  private final Set<String> warned = new TreeSet<>();

  public EtcdSettings(Client client, String prefix) {
    this.client = client;
    this.key = prefix + "config";
  }

  public String key() {
    return key;
  }

  public Future<JsonObject> load() {
    return Future.fromCompletionStage(client.getKVClient().get(EtcdClients.bytes(key))).map(res -> {
      if (res.getKvs().isEmpty()) {
        return new JsonObject();
      }
      String text = EtcdClients.text(res.getKvs().get(0).getValue());
      JsonObject raw;
      try {
        raw = new JsonObject(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("etcd key " + key + " is not a JSON object: " + e.getMessage());
      }
      return reloadable(raw);
    });
  }

  /** The redeployable sections of {@code raw}; other keys are ignored (with one warning each). */
  JsonObject reloadable(JsonObject raw) {
    Set<String> allowed = new TreeSet<>();
    for (Component c : EnumSet.allOf(Component.class)) {
      allowed.addAll(c.sections());
    }
    JsonObject out = new JsonObject();
    for (String k : raw.fieldNames()) {
      if (allowed.contains(k)) {
        out.put(k, raw.getValue(k));
      } else if (warned.add(k)) {
        log.warn("Ignoring '{}' in etcd key {}: only {} can be set cluster-wide", k, key, allowed);
      }
    }
    return out;
  }

  public void close() {
    client.close();
  }
}

package dvmdash.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd for the processors' commit lock and the collectors' relay claims (config object {@code etcd}). Disabled when
 * {@code endpoints} is empty.
 *
 * @param endpoints        {@code http://host:2379} URLs (env {@code DVMDASH_ETCD_ENDPOINTS}, comma list)
 * @param leaseTtlSeconds  TTL of each node's lease; a dead node's lock and relays are free after at most this
 * @param prefix           key prefix, e.g. {@code /dvmdash/}
 * @param lockTimeoutMillis how long a processor waits for the commit lock before failing (and retrying) the batch
 * @param rebalanceMillis  how often collectors re-read membership and relay claims
 */
public record EtcdConfig(List<String> endpoints, long leaseTtlSeconds, String prefix, long lockTimeoutMillis,
                         long rebalanceMillis) {

  public static final String KEY = "etcd";

  public EtcdConfig {
    endpoints = List.copyOf(endpoints);
  }

  public static EtcdConfig fromJson(JsonObject root) {
    JsonObject j = root.getJsonObject(KEY, new JsonObject());
    List<String> endpoints = new ArrayList<>();
    Object raw = j.getValue("endpoints");
    if (raw instanceof JsonArray arr) {
      arr.forEach(o -> add(endpoints, String.valueOf(o)));
    } else if (raw instanceof String s) {
      for (String part : s.split(",")) {
        add(endpoints, part);
      }
    }
    for (String e : endpoints) {
      if (!e.startsWith("http://") && !e.startsWith("https://")) {
        throw new IllegalArgumentException("etcd.endpoints must be http:// or https:// URLs, got " + e);
      }
    }
    long ttl = j.getLong("lease_ttl_seconds", 10L);
    if (ttl < 2) {
      throw new IllegalArgumentException("etcd.lease_ttl_seconds must be at least 2, got " + ttl);
    }
    String prefix = j.getString("prefix", "/dvmdash/");
    return new EtcdConfig(endpoints, ttl, prefix.endsWith("/") ? prefix : prefix + "/",
        j.getLong("lock_timeout_ms", 30_000L), j.getLong("rebalance_ms", Math.max(500, ttl * 1000 / 4)));
  }

  private static void add(List<String> out, String s) {
    String t = s.trim();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }

  public boolean enabled() {
    return !endpoints.isEmpty();
  }
}

package dvmdash.api;

import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import dvmdash.collector.RelayStatusPublisher;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.RelayUrls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every relay of the deployment with its activity mark, owner and status, for {@code /api/relays} and
 * {@code /api/admin/relays} on any node. The list comes from etcd in a cluster, else from the local collector
 * supervisor, else (an API-only node without etcd) from the relays present in the Redis status hash. Status comes
 * from the local collector when it has the relay, else from the Redis hash written by
 * {@link RelayStatusPublisher} (older than {@link RelayStatusPublisher#STALE_AFTER_MILLIS}: {@code "status": "stale"});
 * a relay nobody reports on is {@code "status": "unknown"}. The owner is the etcd claim when etcd is on, else the node
 * that reported the status.
 */
public final class RelayDirectory {

  private static final List<String> INTERNAL = List.of("node", "status_at", "activity", "url");

  private final Vertx vertx;
  private final Supplier<Future<RelayList>> clusterList;
  private final Supplier<Future<Map<String, String>>> claims;
  private final Redis redis;
  private final String nodeId;
  private final LongSupplier nowMillis;

  /**
   * @param clusterList the etcd list, or null without etcd
   * @param claims      relay → owner from etcd, or null without etcd
   * @param redis       the Redis client, or null without {@code redis.url}
   */
  public RelayDirectory(Vertx vertx, Supplier<Future<RelayList>> clusterList,
                        Supplier<Future<Map<String, String>>> claims, Redis redis, String nodeId,
                        LongSupplier nowMillis) {
    this.vertx = vertx;
    this.clusterList = clusterList;
    this.claims = claims;
    this.redis = redis;
    this.nodeId = nodeId;
    this.nowMillis = nowMillis;
  }

  /** The relays as JSON objects, in list order. */
  public Future<JsonArray> relays() {
    Future<Map<String, JsonObject>> shared = sharedStatus();
    Future<Map<String, JsonObject>> local = localStatus();
    Future<Map<String, String>> owners = claims == null ? Future.succeededFuture(null) : claims.get();
    Future<RelayList> list = clusterList != null ? clusterList.get()
        : vertx.eventBus().<JsonArray>request(Addresses.ADMIN_LIST_RELAYS, null).map(m -> RelayList.fromJson(m.body()))
            .recover(err -> shared.map(s -> RelayList.fromJson(new JsonArray(s.keySet().stream().sorted().toList()))));
    return Future.all(list, owners, shared, local).map(v -> merge(list.result(), owners.result(), shared.result(),
        local.result(), nodeId, nowMillis.getAsLong()));
  }

  private Future<Map<String, JsonObject>> localStatus() {
    return vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null)
        .map(m -> {
          Map<String, JsonObject> out = new HashMap<>();
          for (Object o : m.body()) {
            out.put(((JsonObject) o).getString("url"), (JsonObject) o);
          }
          return out;
        })
        .otherwise(err -> Map.of());
  }

  private Future<Map<String, JsonObject>> sharedStatus() {
    if (redis == null) {
      return Future.succeededFuture(Map.of());
    }
    return redis.send(Request.cmd(Command.HGETALL).arg(RelayStatusPublisher.KEY)).map(RelayDirectory::parseHash)
        .otherwise(err -> Map.of());
  }

  /** HGETALL as the flat RESP2 array (field, value, …); values that are not JSON objects are skipped. */
  static Map<String, JsonObject> parseHash(Response r) {
    Map<String, JsonObject> out = new HashMap<>();
    for (int i = 0; r != null && i + 1 < r.size(); i += 2) {
      try {
        out.put(r.get(i).toString(), new JsonObject(r.get(i + 1).toString()));
      } catch (RuntimeException e) {
        // a foreign or damaged value: that relay shows as unknown rather than failing the page
      }
    }
    return out;
  }

  /**
   * One JSON object per relay of {@code list}: {@code url}, {@code activity}, {@code owner}, {@code status}
   * ({@code live}, {@code stale} or {@code unknown}), {@code status_at} (epoch ms of the status, null when unknown),
   * and the collector's status fields ({@code connected}, {@code events}, …; a stale or unknown relay is not
   * connected).
   */
  static JsonArray merge(RelayList list, Map<String, String> owners, Map<String, JsonObject> shared,
                         Map<String, JsonObject> local, String localNode, long nowMillis) {
    JsonArray out = new JsonArray();
    for (RelayEntry e : list.entries()) {
      JsonObject status = null;
      String reporter = null;
      String state = "unknown";
      Long at = null;
      if (local != null && local.containsKey(e.url())) {
        status = local.get(e.url());
        reporter = localNode;
        state = "live";
        at = nowMillis;
      } else if (shared != null && shared.containsKey(e.url())) {
        status = shared.get(e.url());
        reporter = status.getString("node");
        at = status.getLong("status_at", 0L);
        state = nowMillis - at > RelayStatusPublisher.STALE_AFTER_MILLIS ? "stale" : "live";
      }
      JsonObject row = new JsonObject().put("url", e.url()).put("activity", e.activity().label());
      String owner = owners != null ? owners.get(e.url()) : reporter;
      row.put("owner", owner);
      row.put("status", state).put("status_at", at);
      if (status != null) {
        status.forEach(f -> {
          if (!INTERNAL.contains(f.getKey())) {
            row.put(f.getKey(), f.getValue());
          }
        });
      }
      if (!"live".equals(state)) {
        row.put("connected", false);
      }
      if (status == null) {
        row.put("paused", false).put("events", null).put("invalid", null).put("duplicates", null)
            .put("last_event_at", null).put("last_error", null);
      }
      out.add(row);
    }
    return out;
  }

  /**
   * The relays as the public {@code GET /api/relays} shows them: each {@code url} with credentials and query values
   * masked ({@link RelayUrls#redact}), also where it appears inside {@code last_error}. The admin API shows them whole.
   */
  public static JsonArray redacted(JsonArray relays) {
    JsonArray out = new JsonArray();
    for (Object o : relays) {
      if (!(o instanceof JsonObject row)) {
        continue;
      }
      JsonObject copy = row.copy();
      String url = row.getString("url");
      String shown = RelayUrls.redact(url);
      copy.put("url", shown);
      if (url != null && copy.getValue("last_error") instanceof String err && err.contains(url)) {
        copy.put("last_error", err.replace(url, shown));
      }
      out.add(copy);
    }
    return out;
  }
}

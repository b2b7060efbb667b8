package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.servers.EtcdProcess;
import dvmdash.servers.RedisProcess;
import dvmdash.shared.Addresses;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay administration in a cluster, three nodes in this JVM on a real etcd and redis-server: two collectors (one
 * also processing) share the relay list kept in etcd, and an API-only node edits it and shows every relay's status
 * and owner (from Redis and the etcd claims). A relay added on the API node is claimed by exactly one collector and
 * its events arrive; a mark is shown; a removed relay's connection stops.
 */
class RelayClusterAdminIT {

  private static final String TOKEN = "cluster-token";
  private static final String AUTH = "Bearer " + TOKEN;

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private EmbeddedMongoServer mongo;
  private RedisProcess redis;
  private EtcdProcess etcd;
  private final List<TestNode> nodes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    sim = Simulator.start(simVertx, new SimulationPlan(5, 10, 6, 60, SimulationPlan.DEFAULT_SPAN_SECONDS, 0),
        List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    mongo = TestNode.memoryMongo();
    redis = RedisProcess.start(dir.resolve("redis"));
    etcd = EtcdProcess.start(dir.resolve("etcd"));
  }

  @AfterEach
  void stop() throws Exception {
    for (TestNode n : nodes) {
      n.close();
    }
    redis.close();
    etcd.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  private TestNode node(String name, String role, String pg) throws Exception {
    Path nodeDir = dir.resolve(name);
    Files.createDirectories(nodeDir);
    JsonObject c = TestNode.config(pg, mongo.uri(), List.of(sim.urls().get(0)), nodeDir)
        .put("role", role)
        .put("node_id", name)
        .put("admin", new JsonObject().put("token", TOKEN))
        .put("redis", new JsonObject().put("url", redis.url()).put("claim_idle_ms", 2000))
        .put("etcd", new JsonObject().put("endpoints", new JsonArray().add(etcd.endpoint()))
            .put("lease_ttl_seconds", 3).put("rebalance_ms", 300));
    TestNode n = TestNode.start(c, System.currentTimeMillis() / 1000);
    nodes.add(n);
    return n;
  }

  /** URLs the collector verticle of a node is connected to or trying (its local relay status). */
  private static Set<String> collecting(TestNode n) {
    try {
      JsonArray status = n.vertx.eventBus().<JsonArray>request(Addresses.RELAYS_STATUS, null)
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
      return Set.copyOf(status.stream().map(o -> ((JsonObject) o).getString("url")).toList());
    } catch (Exception e) {
      return Set.of();
    }
  }

  private static JsonObject row(TestNode api, String url) {
    try {
      TestNode.Reply r = api.send(HttpMethod.GET, "/api/admin/relays", null, "Authorization", AUTH);
      for (Object o : r.body().getJsonArray("relays")) {
        if (((JsonObject) o).getString("url").equals(url)) {
          return (JsonObject) o;
        }
      }
    } catch (Exception e) {
      // not yet
    }
    return null;
  }

  @Test
  void aRelayAddedOnTheApiNodeIsClaimedByOneCollectorAndListedEverywhere() throws Exception {
    String pg = TestPostgres.freshDatabase();
    TestNode c1 = node("collector-1", "collector,processor", pg);
    TestNode c2 = node("collector-2", "collector", pg);
    TestNode api = node("api", "api", pg);
    String first = sim.urls().get(0);
    String second = sim.urls().get(1);

    assertEquals(401, api.send(HttpMethod.GET, "/api/admin/relays", null, "Authorization", "Bearer nope").status());
    TestNode.await("the seeded relay is live on the API-only node", 60, () -> {
      JsonObject r = row(api, first);
      return r != null && "live".equals(r.getString("status")) && r.getBoolean("connected")
          && r.getString("owner") != null;
    });

    TestNode.Reply added = api.send(HttpMethod.POST, "/api/admin/relays",
        new JsonObject().put("url", second).encode(), "Authorization", AUTH);
    assertEquals(200, added.status(), String.valueOf(added.body()));
    assertEquals(2, added.body().getJsonArray("relays").size());

    TestNode.await("the added relay is claimed, connected and delivering", 60, () -> {
      JsonObject r = row(api, second);
      return r != null && "live".equals(r.getString("status")) && r.getBoolean("connected")
          && r.getLong("events", 0L) > 0;
    });
    JsonObject r2 = row(api, second);
    String owner = r2.getString("owner");
    assertTrue(Set.of("collector-1", "collector-2").contains(owner), owner);
    TestNode ownerNode = owner.equals("collector-1") ? c1 : c2;
    TestNode other = ownerNode == c1 ? c2 : c1;
    assertTrue(collecting(ownerNode).contains(second));
    assertTrue(!collecting(other).contains(second), "only one collector has the relay");
    assertTrue(!row(api, first).getString("owner").equals(owner),
        "two relays, two collectors: one each, got both on " + owner);
    JsonArray publicList = api.getOk("/api/relays").getJsonArray("relays");
    assertEquals(2, publicList.size());

    TestNode.Reply marked = api.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", second).put("activity", "high").encode(), "Authorization", AUTH);
    assertEquals(200, marked.status(), String.valueOf(marked.body()));
    assertEquals("high", row(api, second).getString("activity"));

    TestNode.Reply removed = api.send(HttpMethod.DELETE, "/api/admin/relays?url="
        + URLEncoder.encode(second, StandardCharsets.UTF_8), null, "Authorization", AUTH);
    assertEquals(200, removed.status(), String.valueOf(removed.body()));
    TestNode.await("the removed relay's connection stopped", 30,
        () -> !collecting(c1).contains(second) && !collecting(c2).contains(second));
    assertEquals(1, api.getOk("/api/relays").getJsonArray("relays").size());
    assertEquals(404, api.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", second).put("activity", "high").encode(), "Authorization", AUTH).status());
  }
}

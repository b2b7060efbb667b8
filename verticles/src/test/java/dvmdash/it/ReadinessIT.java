package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.embedded.EmbeddedPostgresServer;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.MetricCatalog;
import dvmdash.metrics.PrometheusText;
import dvmdash.servers.EtcdProcess;
import dvmdash.servers.RedisProcess;
import dvmdash.simulator.SimRelay;
import dvmdash.simulator.SimRelayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /ready} of a collector + processor node (no API role: its small ops server answers) with real
 * redis-server and etcd: ready with every dependency named; not ready, naming the stopped one, while Redis or etcd is
 * down; ready again once it is back on the same port. {@code /health} answers 200 throughout, and {@code /metrics}
 * carries the queue and lease meters, all documented.
 */
class ReadinessIT {

  @TempDir
  Path dir;
  private RedisProcess redis;
  private EtcdProcess etcd;
  private Vertx simVertx;
  private EmbeddedMongoServer mongo;
  private TestNode node;
  private String relayUrl;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start(dir.resolve("redis"));
    etcd = EtcdProcess.start(dir.resolve("etcd"));
    simVertx = Vertx.vertx();
    SimRelay relay = new SimRelay(SimRelayOptions.onPort(0), List.of());
    simVertx.deployVerticle(relay).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    relayUrl = relay.url();
    mongo = TestNode.memoryMongo();
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), mongo.uri(), List.of(relay.url()),
            dir.resolve("node"))
        .put("role", "collector,processor")
        .put("node_id", "ready-it")
        .put("redis", new JsonObject().put("url", redis.url()))
        .put("etcd", new JsonObject().put("endpoints", new JsonArray().add(etcd.endpoint()))
            .put("lease_ttl_seconds", 3).put("rebalance_ms", 500));
    node = TestNode.start(config, System.currentTimeMillis() / 1000, AppMetrics.vertxWithMetrics());
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
    redis.close();
    etcd.close();
  }

  @Test
  void readinessFollowsRedisAndEtcdGoingAwayAndComingBack() throws Exception {
    awaitReady("at start");
    JsonObject checks = node.get("/ready").body().getJsonObject("checks");
    assertEquals(Map.of("postgresql", "ok", "mongodb", "ok", "redis", "ok", "etcd", "ok"), checks.getMap());
    assertEquals(404, node.get("/api/stats/global").status(), "no API role on this node");

    redis.close();
    awaitNotReady("redis");
    assertEquals(200, node.get("/health").status());
    redis.restart();
    awaitReady("after Redis came back");

    etcd.close();
    awaitNotReady("etcd");
    assertEquals(200, node.get("/health").status());
    etcd.restart();
    awaitReady("after etcd came back");

    TestNode.await("a backlog poll and both leases", 30, () -> {
      PrometheusText m = metrics();
      return m.sum("dvmdash_leases_held", Map.of()) == 2 && m.sum("dvmdash_stream_entries", Map.of()) >= 0;
    });
    PrometheusText m = metrics();
    assertTrue(m.sum("dvmdash_lease_acquisitions_total", Map.of()) >= 2, "commit guard and balancer leases");
    assertTrue(m.sum("dvmdash_lease_losses_total", Map.of()) >= 1, "etcd was down longer than the lease TTL");
    assertEquals(0.0, m.sum("dvmdash_stream_pending_entries", Map.of()));
    Map<String, String> documented = MetricCatalog.documented();
    for (String family : m.types.keySet()) {
      if (family.startsWith("dvmdash_")) {
        assertNotNull(MetricCatalog.documentedName(documented, family), family + " not in docs/operations.md");
      }
    }
    assertEquals(200, node.get("/health").status());
  }

  @Test
  void readinessFollowsPostgresqlAndMongodbGoingAwayAndComingBack() throws Exception {
    node.close();
    node = null;
    Path pgData = dir.resolve("pg");
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgData);
    EmbeddedMongoServer ownMongo = EmbeddedMongoServer.start(null);
    int pgPort = pg.port();
    int mongoPort = Integer.parseInt(ownMongo.uri().replaceAll(".*:(\\d+).*", "$1"));
    try {
      JsonObject config = TestNode.config(pg.url(), ownMongo.uri(), List.of(relayUrl), dir.resolve("all"))
          .put("node_id", "ready-stores-it");
      node = TestNode.start(config, System.currentTimeMillis() / 1000, AppMetrics.vertxWithMetrics());
      awaitReady("at start");
      assertEquals(Map.of("postgresql", "ok", "mongodb", "ok"),
          node.get("/ready").body().getJsonObject("checks").getMap());

      pg.close();
      awaitNotReady("postgresql", "mongodb");
      assertEquals(200, node.get("/health").status());
      pg = EmbeddedPostgresServer.start(pgData, pgPort);
      awaitReady("after PostgreSQL came back");

      ownMongo.close();
      awaitNotReady("mongodb", "postgresql");
      assertEquals(200, node.get("/health").status());
      ownMongo = EmbeddedMongoServer.start(null, mongoPort);
      awaitReady("after MongoDB came back");
    } finally {
      if (node != null) {
        node.close();
        node = null;
      }
      pg.close();
      ownMongo.close();
    }
  }

  private PrometheusText metrics() {
    try {
      return PrometheusText.parse(node.text("/metrics"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady(String when) throws Exception {
    TestNode.await("ready " + when, 60, () -> status() == 200);
    JsonObject body = node.get("/ready").body();
    assertTrue(body.getBoolean("ready"), body.encode());
    assertEquals(new JsonArray(), body.getJsonArray("failing"));
  }

  private void awaitNotReady(String dependency) throws Exception {
    awaitNotReady(dependency, "postgresql");
  }

  private void awaitNotReady(String dependency, String stillOk) throws Exception {
    TestNode.await("not ready without " + dependency, 15, () -> status() == 503);
    JsonObject body = node.get("/ready").body();
    assertEquals(false, body.getBoolean("ready"));
    assertTrue(body.getJsonArray("failing").contains(dependency), body.encode());
    assertTrue(!"ok".equals(body.getJsonObject("checks").getString(dependency)), body.encode());
    assertEquals("ok", body.getJsonObject("checks").getString(stillOk), body.encode());
  }

  private int status() {
    try {
      return node.get("/ready").status();
    } catch (Exception e) {
      return -1;
    }
  }
}

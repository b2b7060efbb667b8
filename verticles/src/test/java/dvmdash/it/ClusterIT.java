package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.servers.EtcdProcess;
import dvmdash.servers.RedisProcess;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributed deployment as separate JVM processes ({@code java -cp <test classpath> dvmdash.Main --config}):
 * 2 collectors, 2 processors and 1 API node, real redis-server and etcd, embedded PostgreSQL and the
 * MongoDB-compatible server of this JVM, fed by two simulator relays. One processor is killed with SIGKILL while
 * batches are flowing; afterwards every API figure equals the simulator's ground truth and the raw count equals the
 * distinct valid events.
 */
class ClusterIT {

  private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private EmbeddedMongoServer mongo;
  private RedisProcess redis;
  private EtcdProcess etcd;
  private final List<Process> nodes = new ArrayList<>();
  private TestNode api;

  @BeforeEach
  void start() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(7, 30, 10, 400, SimulationPlan.DEFAULT_SPAN_SECONDS, 0.03);
    sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    mongo = TestNode.memoryMongo();
    redis = RedisProcess.start(dir.resolve("redis"));
    etcd = EtcdProcess.start(dir.resolve("etcd"));
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : nodes) {
      p.destroy();
    }
    for (Process p : nodes) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (api != null) {
      api.close();
    }
    redis.close();
    etcd.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  private JsonObject nodeConfig(String name, String role, String pgUrl) throws Exception {
    Path nodeDir = dir.resolve(name);
    Files.createDirectories(nodeDir);
    JsonObject c = TestNode.config(pgUrl, mongo.uri(), sim.urls(), nodeDir)
        .put("role", role)
        .put("node_id", name)
        .put("redis", new JsonObject().put("url", redis.url()).put("claim_idle_ms", 2000).put("read_count", 2)
            .put("reads_in_flight", 2))
        .put("etcd", new JsonObject().put("endpoints", new JsonArray().add(etcd.endpoint()))
            .put("lease_ttl_seconds", 3).put("rebalance_ms", 500));
    c.getJsonObject("processor").put("batch_size", 100);
    c.getJsonObject("collector").put("batch_events", 50);
    return c;
  }

  private Process launch(String name, JsonObject config) throws Exception {
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, config.encodePrettily());
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", cp, "dvmdash.Main", "--config", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
    nodes.add(p);
    return p;
  }

  @Test
  void killedProcessorLosesAndDoublesNothing() throws Exception {
    String pg = TestPostgres.freshDatabase();
    JsonObject apiConfig = nodeConfig("api", "api", pg);
    launch("processor-1", nodeConfig("processor-1", "processor", pg));
    launch("processor-2", nodeConfig("processor-2", "processor", pg));
    launch("api", apiConfig);
    api = TestNode.remote(apiConfig);
    TestNode.await("the API node up", 120, () -> {
      try {
        return api.get("/health").status() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    Process victim = nodes.get(0);
    launch("collector-1", nodeConfig("collector-1", "collector", pg));
    launch("collector-2", nodeConfig("collector-2", "collector", pg));

    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = PipelineIT.expectedRawCount(valid);
    TestNode.await("events flowing", 120, () -> {
      try {
        return api.rawCount() > 0;
      } catch (Exception e) {
        return false;
      }
    });
    long atKill = api.rawCount();
    victim.destroyForcibly();
    victim.waitFor(30, TimeUnit.SECONDS);
    log.info("Killed processor-1 (SIGKILL) with {} of {} events stored", atKill, expected);

    TestNode.await("all " + expected + " valid events stored", 180, () -> {
      try {
        return api.rawCount() == expected;
      } catch (Exception e) {
        return false;
      }
    });
    AssertionError last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        PipelineIT.assertApiEqualsTruth(api, valid, System.currentTimeMillis() / 1000);
        last = null;
        break;
      } catch (AssertionError e) {
        last = e;
        Thread.sleep(1000);
      }
    }
    if (last != null) {
      throw last;
    }
    assertEquals(expected, api.rawCount(), "raw events stored once each");
  }
}

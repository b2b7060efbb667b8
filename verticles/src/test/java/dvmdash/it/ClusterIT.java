package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.servers.EtcdProcess;
import dvmdash.servers.RedisProcess;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributed deployment as separate JVM processes ({@code java -cp <test classpath> dvmdash.Main --config}):
 * 2 collectors, 2 processors and 1 API node, real redis-server (with its append-only file, fsync always, as
 * production's infrastructure/redis/redis.conf) and etcd, embedded PostgreSQL and the MongoDB-compatible server of
 * this JVM, fed by two simulator relays with their history plus live traffic. While events flow: a processor is
 * killed with SIGKILL after the first commits, then a collector, then redis-server is killed with SIGKILL and started
 * again on the same port and folder, then etcd is restarted. Afterwards every API figure equals the simulator's ground
 * truth, the raw count equals the distinct valid events published, and the stream holds no unprocessed, pending or
 * dead-lettered entry.
 */
class ClusterIT {

  private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);
  private static final double LIVE_JOBS_PER_SECOND = 4;
  private static final int PROGRESS_EVENTS = 60;

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
    redis = RedisProcess.start(dir.resolve("redis"), true);
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
    keepLogs();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  /** Copies the node and server logs to target/cluster-it-logs (the temporary folder is deleted). */
  private void keepLogs() throws IOException {
    Path out = Path.of("target", "cluster-it-logs");
    Files.createDirectories(out);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        Files.copy(f, out.resolve(dir.relativize(f).toString().replace('/', '-')), StandardCopyOption.REPLACE_EXISTING);
      }
    }
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
  void survivesKilledNodesAndRestartedServers() throws Exception {
    String pg = TestPostgres.freshDatabase();
    JsonObject apiConfig = nodeConfig("api", "api", pg);
    Process processor1 = launch("processor-1", nodeConfig("processor-1", "processor", pg));
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
    Process collector1 = launch("collector-1", nodeConfig("collector-1", "collector", pg));
    launch("collector-2", nodeConfig("collector-2", "collector", pg));
    long history = PipelineIT.expectedRawCount(sim.truth().validEvents());
    sim.startLive(LIVE_JOBS_PER_SECOND);

    TestNode.await("first commits", 120, () -> rawCount() > 0);
    long atKill = rawCount();
    processor1.destroyForcibly();
    processor1.waitFor(30, TimeUnit.SECONDS);
    log.info("Killed processor-1 (SIGKILL) with {} of the {} history events stored", atKill, history);
    assertTrue(atKill < history, "the processor died with work left (" + atKill + " of " + history + " stored)");

    long beforeCollectorKill = awaitProgress("after the processor kill");
    collector1.destroyForcibly();
    collector1.waitFor(30, TimeUnit.SECONDS);
    log.info("Killed collector-1 (SIGKILL) with {} events stored", beforeCollectorKill);

    long beforeRedisCrash = awaitProgress("after the collector kill");
    redis.crashAndRestart();
    log.info("Killed and restarted redis-server with {} events stored", beforeRedisCrash);

    long beforeEtcdRestart = awaitProgress("after the Redis restart");
    etcd.restart();
    log.info("Restarted etcd with {} events stored", beforeEtcdRestart);
    awaitProgress("after the etcd restart");
    sim.stopLive();

    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = PipelineIT.expectedRawCount(valid);
    log.info("Live traffic stopped: {} distinct valid events published ({} history)", expected, history);
    TestNode.await("all " + expected + " valid events stored", 240, () -> rawCount() == expected);
    // the raw write precedes the rollup commit: batches that failed during the outages (no lease, no Redis) stay
    // pending until claimed again, so recovery is complete only when the stream is empty and nothing is pending
    TestNode.await("the stream drained", 180, () -> streamCount(Command.XLEN, "dvmdash:events") == 0
        && streamCount(Command.XPENDING, "dvmdash:events") == 0);
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
      log.error("API differs from the truth; PostgreSQL: {}, job requests among the valid events: {}",
          api.sqlRow("SELECT count(*) AS seen, count(*) FILTER (WHERE kind BETWEEN 5000 AND 5999) AS requests,"
              + " max(created_at) AS newest FROM seen_events"),
          valid.stream().filter(e -> e.kind() >= 5000 && e.kind() <= 5999).count());
      throw last;
    }
    assertEquals(expected, api.rawCount(), "raw events stored once each");
    assertEquals(0, streamCount(Command.XLEN, "dvmdash:events:dead"), "no dead-lettered entries");
  }

  /** XLEN of a stream, or the pending count of the processors' group (XPENDING); -1 when Redis cannot answer. */
  private long streamCount(Command cmd, String stream) {
    Redis client = Redis.createClient(simVertx, redis.url());
    try {
      Request req = Request.cmd(cmd).arg(stream);
      if (cmd == Command.XPENDING) {
        req.arg("processors");
      }
      Response r = client.send(req).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return cmd == Command.XPENDING ? r.get(0).toLong() : r.toLong();
    } catch (Exception e) {
      return -1;
    } finally {
      client.close();
    }
  }

  /**
   * Waits until {@value #PROGRESS_EVENTS} more events are stored than now (more than a batch in flight at the last
   * failure could account for: the pipeline works again), returns the new count.
   */
  private long awaitProgress(String when) throws InterruptedException {
    long before = rawCount();
    TestNode.await("events stored " + when, 120, () -> rawCount() >= before + PROGRESS_EVENTS);
    return rawCount();
  }

  /** The API's raw event count, -1 while the API cannot answer. */
  private long rawCount() {
    try {
      return api.rawCount();
    } catch (Exception e) {
      return -1;
    }
  }
}

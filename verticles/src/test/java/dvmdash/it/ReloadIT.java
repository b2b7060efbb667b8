package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.LaunchOptions;
import dvmdash.Node;
import dvmdash.reload.ConfigSource;
import dvmdash.servers.EtcdProcess;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.truth.TruthCalculator;
import io.etcd.jetcd.Client;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings changed in the watched config file reach the running node without a JVM restart: the processor, the
 * collector and the API are redeployed with the new values while live jobs keep arriving, and afterwards every
 * all-time figure still equals the simulator's ground truth (the redeploys drained, nothing was lost or doubled).
 * Invalid settings are refused and the node keeps running with the old ones.
 */
class ReloadIT {

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private Node node;
  private Path file;
  private JsonObject settings;
  private long now;
  private EtcdProcess etcd;

  @BeforeEach
  void start() throws Exception {
    now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(11, 20, 8, 250, SimulationPlan.DEFAULT_SPAN_SECONDS, 0.0);
    sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    settings = TestNode.config(TestPostgres.freshDatabase(), null, sim.urls(), dir)
        .put("reload", new JsonObject().put("interval_ms", 200));
    file = dir.resolve("dvmdash.json");
  }

  private void startNode() throws Exception {
    write();
    node = Node.start(ConfigSource.local(file), new LaunchOptions(file, false, 0))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (etcd != null) {
      etcd.close();
    }
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void write() throws Exception {
    Path tmp = dir.resolve("dvmdash.json.tmp");
    Files.writeString(tmp, settings.encodePrettily());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private TestNode api() {
    return TestNode.remote(settings);
  }

  /** The value of a /metrics sample, or 0 when absent. */
  private static double metric(TestNode api, String name, String labels) throws Exception {
    String text = api.text("/metrics");
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private void awaitRedeploy(TestNode api, String component, double before) throws Exception {
    TestNode.await(component + " redeployed", 30, () -> {
      try {
        return metric(api, "dvmdash_config_redeploys_total", "component=\"" + component + "\",result=\"ok\"")
            > before;
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  void editedSettingsAreAppliedLiveAndEveryNumberStaysExact() throws Exception {
    startNode();
    TestNode api = api();
    sim.startLive(20);
    TestNode.await("first events committed", 60, () -> {
      try {
        return api.getOk("/api/stats/global?range=all").getLong("job_requests") > 0;
      } catch (Exception e) {
        return false;
      }
    });

    settings.getJsonObject("processor").put("batch_size", 40).put("batch_max_wait_ms", 20);
    write();
    awaitRedeploy(api, "processor", 0);

    settings.getJsonObject("collector").put("batch_events", 16).put("max_in_flight_events", 500);
    write();
    awaitRedeploy(api, "collector", 0);

    settings.getJsonObject("processor").put("batch_size", -1);
    write();
    TestNode.await("the invalid settings refused", 30, () -> {
      try {
        return metric(api, "dvmdash_config_rejected_total", "") == 1;
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(200, api.get("/api/stats/global").status(), "still serving with the previous settings");

    int oldPort = settings.getJsonObject("http").getInteger("port");
    settings.getJsonObject("processor").put("batch_size", 40);
    settings.getJsonObject("http").put("port", TestNode.freePort());
    write();
    TestNode moved = api();
    TestNode.await("the API listening on its new port", 30, () -> {
      try {
        return moved.get("/health").status() == 200;
      } catch (Exception e) {
        return false;
      }
    });
    assertTrue(oldPort != settings.getJsonObject("http").getInteger("port"));
    assertEquals(1.0, metric(moved, "dvmdash_config_redeploys_total", "component=\"api\",result=\"ok\""));

    sim.stopLive();
    Thread.sleep(Simulator.RESPONDER_DELAY_MILLIS * 3);
    List<NostrEvent> valid = sim.truth().validEvents();
    long expectedRequests = new TruthCalculator(valid, now).global("all").getLong("job_requests");
    TestNode.await("every live job committed", 120, () -> {
      try {
        return moved.getOk("/api/stats/global?range=all").getLong("job_requests") == expectedRequests
            && moved.rawCount() == PipelineIT.expectedRawCount(valid);
      } catch (Exception e) {
        return false;
      }
    });
    TruthCalculator truth = new TruthCalculator(valid, now);
    JsonAssert.assertSubset("global all", truth.global("all"), moved.getOk("/api/stats/global?range=all"));
    JsonAssert.assertSameMembers("kinds all", truth.kinds("all"),
        moved.getOk("/api/kinds?range=all").getJsonArray("kinds"), o -> o.getInteger("kind"));
    api.close();
    moved.close();
  }

  @Test
  void settingsInTheEtcdKeyReachTheRunningNodeButOnlyRedeployableOnes() throws Exception {
    etcd = EtcdProcess.start(dir.resolve("etcd"));
    settings.put("etcd", new JsonObject().put("endpoints", new JsonArray().add(etcd.endpoint())));
    startNode();
    TestNode api = api();
    try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
      JsonObject cluster = new JsonObject()
          .put("processor", new JsonObject().put("batch_size", 64))
          .put("stores", new JsonObject().put("pg_url", "postgresql://elsewhere/db"));
      client.getKVClient().put(bytes("/dvmdash/config"), bytes(cluster.encode())).get(10, TimeUnit.SECONDS);
      awaitRedeploy(api, "processor", 0);
      client.getKVClient().put(bytes("/dvmdash/config"), bytes("not json")).get(10, TimeUnit.SECONDS);
      TestNode.await("the unreadable key refused", 30, () -> {
        try {
          return metric(api, "dvmdash_config_rejected_total", "") >= 1;
        } catch (Exception e) {
          return false;
        }
      });
    }
    long requests = new TruthCalculator(sim.truth().validEvents(), now).global("all").getLong("job_requests");
    TestNode.await("every job committed with the cluster-wide batch size, on the original stores", 120, () -> {
      try {
        return api.getOk("/api/stats/global?range=all").getLong("job_requests") == requests;
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(1.0, metric(api, "dvmdash_config_redeploys_total", "component=\"processor\",result=\"ok\""));
    assertEquals(0.0, metric(api, "dvmdash_config_redeploys_total", "component=\"collector\""));
    api.close();
  }

  private static io.etcd.jetcd.ByteSequence bytes(String s) {
    return io.etcd.jetcd.ByteSequence.from(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.metrics.AppMetrics;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.DvmPersona;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelay;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pings go to the relays a DVM announces: relay A (the simulator's) is the one configured; relay B is a second local
 * relay only one DVM names in the {@code relays} tag of its announcement, and on B that DVM answers pings (a pong on B
 * only, so DVMDash must hear it there). That DVM is pinged on B and never on A, and its pong is recorded; a DVM that
 * announces no relays is pinged on A and never on B. With {@code health.probe_private_relays} off, B (loopback) is
 * refused and counted, and the DVM is pinged on A instead.
 */
class AnnouncedRelayProbeIT {

  private static final long DAY = 86_400;
  private static final String TOKEN = "secret";

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private SimRelay relayB;
  private TestNode node;
  /** Answers pings on B and names B in its announcement. */
  private DvmPersona onB;
  /** Announces no relays. */
  private DvmPersona onA;
  private final List<NostrEvent> atA = new CopyOnWriteArrayList<>();
  private final List<NostrEvent> atB = new CopyOnWriteArrayList<>();

  /** The simulator on A, an empty relay B where {@link #onB} answers pings, and a node collecting from A only. */
  private void start(boolean privateRelaysAllowed) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    sim = Simulator.start(simVertx, new SimulationPlan(29, 6, 4, 20, DAY, 0.0), List.of(SimRelayOptions.onPort(0)),
        now).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    // simulated DVMs that answer pings at once (persona index 0 or 1 mod 4)
    List<DvmPersona> prompt = sim.network().dvms().stream().filter(d -> d.index() % 4 < 2).toList();
    onB = prompt.get(0);
    onA = prompt.get(1);
    relayB = new SimRelay(SimRelayOptions.onPort(0), List.of());
    simVertx.deployVerticle(relayB).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sim.relays().get(0).onClientEvent(e -> {
      if (e.kind() == 7007) {
        atA.add(e);
      }
    });
    relayB.onClientEvent(e -> {
      if (e.kind() == 7007) {
        atB.add(e);
        if (e.tagValues("p").contains(onB.pubkey())) {
          simVertx.setTimer(200, id -> relayB.publish(onB.signer().sign(System.currentTimeMillis() / 1000, 7000,
              List.of(List.of("status", "pong"), List.of("e", e.id()), List.of("p", e.pubkey())), "")));
        }
      }
    });
    // the DVM names B in its latest announcement, which DVMDash collects from A
    sim.publish(onB.signer().sign(now, 31990, List.of(List.of("d", "probe-on-b"), List.of("k", "5050"),
        List.of("relays", relayB.url(), "not a relay", relayB.url() + "/")), "{\"name\":\"On B\"}"));
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), null, sim.urls(), dir)
        .put("admin", new JsonObject().put("token", TOKEN))
        .put("health", new JsonObject().put("evaluate_seconds", 1).put("monitor_key", "07".repeat(32))
            .put("probe_interval_seconds", 60).put("probe_jitter_seconds", 1)
            .put("probe_relays_refresh_seconds", 1).put("probe_private_relays", privateRelaysAllowed));
    node = TestNode.start(config, now, AppMetrics.vertxWithMetrics());
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (simVertx != null) {
      simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private void watch(String pubkey) throws Exception {
    TestNode.Reply r = node.send(HttpMethod.POST, "/api/admin/watch", "{\"pubkey\":\"" + pubkey + "\"}",
        "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
    assertEquals(200, r.status(), String.valueOf(r.body()));
  }

  private JsonObject lastProbe(String pubkey) {
    try {
      return node.getOk("/api/dvms/" + pubkey + "/health").getJsonObject("last_probe");
    } catch (Exception | AssertionError e) {
      return null;
    }
  }

  private double metric(String name) {
    try {
      for (String line : node.text("/metrics").split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    } catch (Exception | AssertionError e) {
      return -1;
    }
    return -1;
  }

  private static boolean pings(List<NostrEvent> seen, String dvm) {
    return seen.stream().anyMatch(e -> e.tagValues("p").contains(dvm));
  }

  @Test
  void aDvmIsPingedOnTheRelayItAnnouncesAndItsPongThereIsRecorded() throws Exception {
    start(true);
    TestNode.await("the announced relay stored and loaded", 60,
        () -> metric("dvmdash_health_probe_announcing_dvms") >= 1);
    JsonObject row = node.sqlRow("SELECT relays FROM announcements WHERE pubkey = '" + onB.pubkey()
        + "' AND d = 'probe-on-b'");
    assertEquals(new JsonArray().add(relayB.url()), row.getJsonArray("relays"), "normalized, deduplicated");
    watch(onB.pubkey());
    watch(onA.pubkey());
    TestNode.await("both DVMs pinged and answered", 90, () -> {
      JsonObject b = lastProbe(onB.pubkey());
      JsonObject a = lastProbe(onA.pubkey());
      return b != null && b.getBoolean("ok") && a != null && a.getBoolean("ok");
    });
    assertTrue(pings(atB, onB.pubkey()), "pinged on the announced relay B");
    assertFalse(pings(atA, onB.pubkey()), "never on the configured relay A");
    assertTrue(pings(atA, onA.pubkey()), "a DVM without announced relays is pinged on A");
    assertFalse(pings(atB, onA.pubkey()), "and never on B");
    JsonObject probe = lastProbe(onB.pubkey());
    assertTrue(probe.getLong("seconds") >= 0 && probe.getLong("seconds") <= 5, probe.encode());
    JsonObject recorded = node.sqlRow("SELECT count(*) AS n FROM health_probes WHERE dvm = '" + onB.pubkey()
        + "' AND pong_at IS NOT NULL");
    assertTrue(recorded.getLong("n") >= 1, "the pong heard on B is recorded");
    assertTrue(metric("dvmdash_health_probe_pongs_heard_total") >= 1);
    assertEquals(0.0, metric("dvmdash_health_probe_relays_refused_total"));
  }

  @Test
  void anAnnouncedLoopbackRelayIsRefusedAndTheDvmPingedOnTheConfiguredRelays() throws Exception {
    start(false);
    DvmPersona dvm = onB;
    TestNode.await("the announcement stored", 60, () -> {
      try {
        return node.sqlRow("SELECT count(*) AS n FROM announcements WHERE d = 'probe-on-b'").getLong("n") == 1;
      } catch (Exception e) {
        return false;
      }
    });
    Thread.sleep(2_500); // a reload of the announced relays (every second here), or the second ping, finds it refused
    watch(dvm.pubkey());
    TestNode.await("the DVM pinged on A and answered there", 90, () -> {
      JsonObject p = lastProbe(dvm.pubkey());
      return p != null && p.getBoolean("ok") && metric("dvmdash_health_probe_relays_refused_total") >= 1;
    });
    assertTrue(pings(atA, dvm.pubkey()), "pinged on the configured relay");
    assertTrue(atB.isEmpty(), "nothing ever sent to the refused loopback relay: " + atB);
    assertEquals(0.0, metric("dvmdash_health_probe_announcing_dvms"));
  }
}

package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playground loop offline: publish a browser-signed job through DVMDash, the simulator's DVMs answer it. */
class PlaygroundIT {

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private TestNode node;
  private final EventSigner user = EventSigner.random();

  @BeforeEach
  void start() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    sim = Simulator.start(simVertx, new SimulationPlan(3, 5, 12, 20, SimulationPlan.DEFAULT_SPAN_SECONDS, 0),
        List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    node = TestNode.start(TestNode.config(TestPostgres.freshDatabase(), null, sim.urls(), dir), now);
    TestNode.await("relays connected", 60, () -> {
      try {
        JsonArray relays = node.getOk("/api/relays").getJsonArray("relays");
        return relays.size() == 2 && relays.getJsonObject(0).getBoolean("connected")
            && relays.getJsonObject(1).getBoolean("connected");
      } catch (Exception e) {
        return false;
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String json(NostrEvent e) {
    JsonArray tags = new JsonArray();
    e.tags().forEach(t -> tags.add(new JsonArray(new java.util.ArrayList<>(t))));
    return new JsonObject().put("id", e.id()).put("pubkey", e.pubkey()).put("created_at", e.createdAt())
        .put("kind", e.kind()).put("tags", tags).put("content", e.content()).put("sig", e.sig()).encode();
  }

  @Test
  void aPublishedJobIsAnsweredBySimulatedDvmsAndShowsUpInItsJobView() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    NostrEvent job = user.sign(now, 5300, List.of(List.of("param", "max_results", "20")), "");
    TestNode.Reply r = node.post("/api/playground/publish", json(job));
    assertEquals(200, r.status(), String.valueOf(r.body()));
    assertEquals(job.id(), r.body().getString("id"));
    assertEquals(2, r.body().getInteger("relays"));
    TestNode.await("a simulated DVM's result for the published job", 60, () -> {
      try {
        TestNode.Reply v = node.get("/api/events?kind=6300&ref=" + job.id());
        return v.status() == 200 && !v.body().getJsonArray("events").isEmpty();
      } catch (Exception e) {
        return false;
      }
    });
    JsonObject stored = node.getOk("/api/events/" + job.id());
    assertEquals(job.sig(), stored.getJsonObject("event").getString("sig"));
  }

  @Test
  void anUnknownIdIsFetchedFromTheConnectedRelaysBeforeA404() throws Exception {
    NostrEvent quiet = user.sign(System.currentTimeMillis() / 1000 - 60, 5300, List.of(), "");
    sim.relays().get(1).storeOnly(quiet);
    TestNode.Reply found = node.get("/api/events/" + quiet.id());
    assertEquals(200, found.status(), String.valueOf(found.body()));
    assertEquals(quiet.sig(), found.body().getJsonObject("event").getString("sig"));
    assertEquals("[\"" + sim.relays().get(1).url() + "\"]", found.body().getJsonArray("relays").encode());
    assertEquals(404, node.get("/api/events/" + "c".repeat(64)).status());
  }

  @Test
  void publishRefusesUnsignedForgedOversizedAndNonRequestEvents() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    NostrEvent good = user.sign(now, 5050, List.of(List.of("i", "hi", "text")), "");
    JsonObject forged = new JsonObject(json(good)).put("sig", "0".repeat(128));
    JsonObject tampered = new JsonObject(json(good)).put("content", "changed");
    JsonObject unsigned = new JsonObject(json(good));
    unsigned.remove("sig");
    NostrEvent note = user.sign(now, 1, List.of(), "not a job");
    NostrEvent result = user.sign(now, 6050, List.of(), "");
    NostrEvent huge = user.sign(now, 5050, List.of(), "x".repeat(70_000));
    NostrEvent old = user.sign(now - 7200, 5050, List.of(), "");
    String[] bodies = {"", "not json", unsigned.encode(), forged.encode(), tampered.encode(), json(note), json(result),
        json(huge), json(old)};
    for (String body : bodies) {
      TestNode.Reply r = node.post("/api/playground/publish", body);
      assertTrue(r.status() == 400 || r.status() == 413, "refused: " + body.substring(0, Math.min(60, body.length()))
          + " → " + r.status());
      if (r.status() == 400) {
        assertTrue(!r.body().getString("error").isBlank());
      }
    }
  }
}

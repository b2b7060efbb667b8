package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relay administration: refused without the token, and a relay added at runtime is collected without a restart. */
class AdminIT {

  private static final String TOKEN = "s3cret-token";

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private TestNode node;

  @BeforeEach
  void start() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    sim = Simulator.start(simVertx, new SimulationPlan(5, 10, 6, 60, SimulationPlan.DEFAULT_SPAN_SECONDS, 0),
        List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), null, List.of(sim.urls().get(0)), dir)
        .put("admin", new JsonObject().put("token", TOKEN));
    node = TestNode.start(config, now);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private JsonArray relays() throws Exception {
    return node.getOk("/api/relays").getJsonArray("relays");
  }

  @Test
  void aRelayAddedAtRuntimeIsCollectedAndTheTokenIsRequired() throws Exception {
    String second = sim.urls().get(1);
    String body = new JsonObject().put("url", second).encode();
    assertEquals(401, node.send(HttpMethod.POST, "/api/admin/relays", body).status());
    assertEquals(401, node.send(HttpMethod.POST, "/api/admin/relays", body, "Authorization", "Bearer wrong")
        .status());
    assertEquals(401, node.send(HttpMethod.GET, "/api/admin/relays", null).status());
    assertEquals(1, relays().size());

    TestNode.Reply bad = node.send(HttpMethod.POST, "/api/admin/relays", "{\"url\":\"http://not-a-relay\"}",
        "Authorization", "Bearer " + TOKEN);
    assertEquals(400, bad.status(), String.valueOf(bad.body()));

    TestNode.Reply added = node.send(HttpMethod.POST, "/api/admin/relays", body, "Authorization", "Bearer " + TOKEN);
    assertEquals(200, added.status(), String.valueOf(added.body()));
    assertEquals(2, added.body().getJsonArray("relays").size());
    TestNode.await("the added relay connected and delivering", 60, () -> {
      try {
        for (Object o : relays()) {
          JsonObject r = (JsonObject) o;
          if (r.getString("url").equals(second) && r.getBoolean("connected") && r.getLong("events") > 0) {
            return true;
          }
        }
        return false;
      } catch (Exception e) {
        return false;
      }
    });

    TestNode.Reply removed = node.send(HttpMethod.DELETE, "/api/admin/relays?url="
        + URLEncoder.encode(sim.urls().get(0), StandardCharsets.UTF_8), null, "Authorization", "Bearer " + TOKEN);
    assertEquals(200, removed.status(), String.valueOf(removed.body()));
    assertEquals(new JsonArray().add(new JsonObject().put("url", second).put("activity", "normal")),
        removed.body().getJsonArray("relays"));
    assertEquals(1, relays().size());
    TestNode.Reply again = node.send(HttpMethod.DELETE, "/api/admin/relays?url="
        + URLEncoder.encode(sim.urls().get(0), StandardCharsets.UTF_8), null, "Authorization", "Bearer " + TOKEN);
    assertEquals(404, again.status(), String.valueOf(again.body()));
  }

  @Test
  void anActivityMarkIsValidatedShownAndKeptAcrossARestart() throws Exception {
    String url = sim.urls().get(0);
    String auth = "Bearer " + TOKEN;
    assertEquals(401, node.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", url).put("activity", "high").encode()).status());
    TestNode.Reply badActivity = node.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", url).put("activity", "busy").encode(), "Authorization", auth);
    assertEquals(400, badActivity.status());
    assertEquals("activity must be \"high\" or \"normal\", got busy", badActivity.body().getString("error"));
    TestNode.Reply unknown = node.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", "wss://unknown.example").put("activity", "high").encode(), "Authorization", auth);
    assertEquals(404, unknown.status());
    assertEquals(400, node.send(HttpMethod.PATCH, "/api/admin/relays", "not json", "Authorization", auth).status());

    TestNode.Reply marked = node.send(HttpMethod.PATCH, "/api/admin/relays",
        new JsonObject().put("url", url).put("activity", "high").encode(), "Authorization", auth);
    assertEquals(200, marked.status(), String.valueOf(marked.body()));
    assertEquals(new JsonArray().add(new JsonObject().put("url", url).put("activity", "high")),
        marked.body().getJsonArray("relays"));
    TestNode.await("the marked relay reconnected and reports its mark", 60, () -> {
      try {
        JsonObject r = node.send(HttpMethod.GET, "/api/admin/relays", null, "Authorization", auth).body()
            .getJsonArray("relays").getJsonObject(0);
        return r.getString("activity").equals("high") && r.getBoolean("connected") && "live".equals(r.getString(
            "status"));
      } catch (Exception e) {
        return false;
      }
    });

    node.close();
    node = TestNode.start(node.config, System.currentTimeMillis() / 1000);
    JsonObject after = node.send(HttpMethod.GET, "/api/admin/relays", null, "Authorization", auth).body();
    assertEquals(1, after.getJsonArray("relays").size());
    assertEquals("high", after.getJsonArray("relays").getJsonObject(0).getString("activity"));
    assertEquals("high", relays().getJsonObject(0).getString("activity"));
  }
}

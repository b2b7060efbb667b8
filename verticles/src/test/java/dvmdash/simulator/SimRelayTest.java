package dvmdash.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SimRelayTest {

  private static final long T = 1_700_000_000L;
  private final EventSigner alice = EventSigner.deterministic(1);
  private final EventSigner dvm = EventSigner.deterministic(2);
  private final List<NostrEvent> stored = new ArrayList<>();
  private SimRelay relay;
  private WebSocketClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    stored.add(alice.sign(T, 5300, List.of(), ""));
    stored.add(alice.sign(T + 10, 5300, List.of(List.of("p", dvm.pubkey())), ""));
    stored.add(alice.sign(T + 20, 5050, List.of(), ""));
    stored.add(dvm.sign(T + 30, 6300, List.of(List.of("e", stored.get(1).id())), "[]"));
    List<RelayEntry> entries = new ArrayList<>();
    for (NostrEvent e : stored) {
      entries.add(RelayEntry.of(e));
    }
    relay = new SimRelay(SimRelayOptions.onPort(0).withMaxKindsPerFilter(3), entries);
    client = RelayTestClient.newClient(vertx);
    vertx.deployVerticle(relay).onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void reqReturnsStoredMatchesNewestFirstThenEoseThenLive(Vertx vertx, VertxTestContext ctx) {
    String req = new JsonArray().add("REQ").add("s1")
      .add(new JsonObject().put("kinds", new JsonArray().add(5300)).put("since", T + 5))
      .add(new JsonObject().put("#e", new JsonArray().add(stored.get(1).id())))
      .encode();
    NostrEvent live = alice.sign(T + 100, 5300, List.of(), "live");
    RelayTestClient.connect(vertx, client, relay.port())
      .compose(c -> c.send(req, RelayTestClient.is("EOSE", "s1"))
        .compose(frames -> {
          ctx.verify(() -> {
            assertEquals(3, frames.size());
            assertEquals(stored.get(3).id(), frames.get(0).getJsonObject(2).getString("id"));
            assertEquals(stored.get(1).id(), frames.get(1).getJsonObject(2).getString("id"));
            assertEquals("EOSE", frames.get(2).getString(0));
          });
          c.clear();
          relay.publish(live);
          return c.await(m -> "EVENT".equals(m.getString(0)));
        }))
      .onComplete(ctx.succeeding(frames -> ctx.verify(() -> {
        assertEquals(live.id(), frames.get(0).getJsonObject(2).getString("id"));
        ctx.completeNow();
      })));
  }

  @Test
  void limitTakesNewestAndTooManyKindsIsClosed(Vertx vertx, VertxTestContext ctx) {
    String limited = new JsonArray().add("REQ").add("lim")
      .add(new JsonObject().put("authors", new JsonArray().add(alice.pubkey())).put("limit", 1)).encode();
    String wide = new JsonArray().add("REQ").add("wide")
      .add(new JsonObject().put("kinds", new JsonArray().add(5000).add(5001).add(5002).add(5003))).encode();
    RelayTestClient.connect(vertx, client, relay.port())
      .compose(c -> c.send(limited, RelayTestClient.is("EOSE", "lim"))
        .compose(frames -> {
          ctx.verify(() -> {
            assertEquals(2, frames.size());
            assertEquals(stored.get(2).id(), frames.get(0).getJsonObject(2).getString("id"));
          });
          return c.send(wide, RelayTestClient.is("CLOSED", "wide"));
        }))
      .onComplete(ctx.succeeding(frames -> ctx.verify(() -> {
        JsonArray closed = frames.get(frames.size() - 1);
        assertEquals("error: too many kinds in filter", closed.getString(2));
        ctx.completeNow();
      })));
  }

  @Test
  void eventIsAcknowledgedStoredAndBroadcast(Vertx vertx, VertxTestContext ctx) {
    NostrEvent fresh = alice.sign(T + 200, 5050, List.of(), "hello");
    String forged = EventWriter.toJson(fresh.id(), fresh.pubkey(), Long.toString(fresh.createdAt()), fresh.kind(),
      fresh.tags(), "tampered", fresh.sig());
    String sub = new JsonArray().add("REQ").add("live")
      .add(new JsonObject().put("kinds", new JsonArray().add(5050)).put("since", T + 150)).encode();
    RelayTestClient.connect(vertx, client, relay.port())
      .compose(c -> c.send(sub, RelayTestClient.is("EOSE", "live"))
        .compose(x -> c.send("[\"EVENT\"," + EventWriter.toJson(fresh) + "]", RelayTestClient.is("OK", null)))
        .compose(frames -> {
          ctx.verify(() -> {
            JsonArray ok = frames.get(frames.size() - 1);
            assertEquals(fresh.id(), ok.getString(1));
            assertTrue(ok.getBoolean(2));
            assertTrue(frames.stream().anyMatch(m -> "EVENT".equals(m.getString(0))
              && fresh.id().equals(m.getJsonObject(2).getString("id"))));
          });
          c.clear();
          return c.send("[\"EVENT\"," + forged + "]", RelayTestClient.is("OK", null));
        })
        .compose(frames -> {
          ctx.verify(() -> {
            assertFalse(frames.get(frames.size() - 1).getBoolean(2));
            assertTrue(frames.get(frames.size() - 1).getString(3).startsWith("invalid:"));
          });
          return c.send("this is not json", RelayTestClient.is("NOTICE", null));
        }))
      .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void injectedJunkFrameReachesTheClient(Vertx vertx, VertxTestContext ctx) {
    String sub = new JsonArray().add("REQ").add("j").add(new JsonObject().put("kinds", new JsonArray().add(1)))
      .encode();
    RelayTestClient.connect(vertx, client, relay.port())
      .compose(c -> c.send(sub, RelayTestClient.is("EOSE", "j"))
        .compose(x -> {
          relay.injectFrame("[\"EVENT\",\"j\",{\"id\":");
          relay.injectFrame("[\"NOTICE\",\"after junk\"]");
          return c.await(RelayTestClient.is("NOTICE", null)).map(f -> c);
        }))
      .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
        assertEquals(List.of("[\"EVENT\",\"j\",{\"id\":"), c.unparsable());
        ctx.completeNow();
      })));
  }

  @Test
  void simulatorServesItsHistoryOnTwoRelays(Vertx vertx, VertxTestContext ctx) {
    SimulationPlan plan = new SimulationPlan(3, 8, 12, 40, 40L * 86_400, 0.05);
    String all = new JsonArray().add("REQ").add("all").add(new JsonObject()).encode();
    Set<String> seen = new HashSet<>();
    Simulator.start(vertx, plan, List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), T)
      .compose(h -> RelayTestClient.connect(vertx, client, h.relays().get(0).port())
        .compose(c -> c.send(all, RelayTestClient.is("EOSE", "all")))
        .compose(a -> {
          collect(a, seen);
          return RelayTestClient.connect(vertx, client, h.relays().get(1).port())
            .compose(c -> c.send(all, RelayTestClient.is("EOSE", "all")));
        })
        .map(b -> {
          collect(b, seen);
          return h;
        }))
      .onComplete(ctx.succeeding(h -> ctx.verify(() -> {
        for (NostrEvent e : h.truth().validEvents()) {
          assertTrue(seen.contains(e.id()), "missing " + e.id());
        }
        ctx.completeNow();
      })));
  }

  private static void collect(List<JsonArray> frames, Set<String> ids) {
    for (JsonArray m : frames) {
      if ("EVENT".equals(m.getString(0)) && m.getValue(2) instanceof JsonObject o) {
        ids.add(o.getString("id"));
      }
    }
  }
}

package dvmdash.collector;

import static dvmdash.collector.TestEvents.eventFrame;
import static dvmdash.collector.TestEvents.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.shared.LocalCodec;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.nostr.EventSigner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's meters across undeploy and redeploy of {@link RelayCollectorVerticle} (what a relay-list change or
 * a rebalance does): per-relay counters keep growing from where they were, the gauges read the new verticle, and a
 * relay dropped from the list disappears from the registry.
 */
class CollectorMetersRedeployTest {

  static final EventSigner DVM = EventSigner.fromSeed(17);

  @TempDir
  Path dir;
  Vertx vertx;
  PrometheusMeterRegistry registry;
  long now = System.currentTimeMillis() / 1000;
  int serial;

  @BeforeEach
  void setUp() {
    vertx = AppMetrics.vertxWithMetrics();
    registry = AppMetrics.prometheus(vertx);
    vertx.eventBus().registerDefaultCodec(IngestBatch.class, LocalCodec.of(IngestBatch.class));
    vertx.eventBus().<IngestBatch>consumer(Addresses.INGEST_EVENTS, msg -> msg.reply("ok"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  void countersContinueAndGaugesFollowTheRedeployedVerticle() throws Exception {
    FakeRelay a = await(new FakeRelay(vertx).start());
    FakeRelay b = await(new FakeRelay(vertx).start());

    String first = deploy(List.of(a.url(), b.url()));
    waitSubscribed(a, 1);
    waitSubscribed(b, 1);
    send(a, 3);
    send(b, 2);
    a.broadcast("not json");
    waitFor(() -> events(a) == 3 && events(b) == 2 && invalid(a, "malformed_json") == 1);
    assertEquals(1.0, connected(a));

    await(vertx.undeploy(first));
    assertNull(registry.find("dvmdash_relay_events_total").tag("relay", a.url()).functionCounter(),
        "an undeployed collector leaves no meter bound to its dead stats");
    assertNull(registry.find("dvmdash_relay_connected").tag("relay", a.url()).gauge());

    deploy(List.of(a.url()));
    waitSubscribed(a, 2);
    send(a, 4);
    a.broadcast("[\"EVENT\"");
    waitFor(() -> events(a) == 7 && invalid(a, "malformed_json") == 2);
    assertEquals(1.0, connected(a), "the gauge reads the new verticle's connection");
    assertNull(registry.find("dvmdash_relay_events_total").tag("relay", b.url()).functionCounter(),
        "a relay dropped from the list is no longer exported");

    String scrape = registry.scrape();
    assertEquals(1, scrape.lines().filter(l -> l.startsWith("dvmdash_relay_events_total{")).count(), scrape);
  }

  private void send(FakeRelay relay, int n) {
    for (int i = 0; i < n; i++) {
      serial++;
      relay.broadcast(eventFrame("dvm", json(DVM.sign(now - serial, 6100, List.of(), "result " + serial))));
    }
  }

  private String deploy(List<String> relays) throws Exception {
    JsonObject cfg = new JsonObject()
        .put("relays", new JsonArray(relays))
        .put("batch_events", 4)
        .put("batch_millis", 5)
        .put("backoff_min_millis", 10)
        .put("backoff_max_millis", 100)
        .put("cursor_file", dir.resolve("cursors.json").toString());
    return await(vertx.deployVerticle(new RelayCollectorVerticle(), new DeploymentOptions().setConfig(cfg)));
  }

  private double events(FakeRelay r) {
    FunctionCounter c = registry.find("dvmdash_relay_events_total").tag("relay", r.url()).functionCounter();
    return c == null ? -1 : c.count();
  }

  private double invalid(FakeRelay r, String reason) {
    FunctionCounter c = registry.find("dvmdash_relay_invalid_total").tag("relay", r.url()).tag("reason", reason)
        .functionCounter();
    return c == null ? -1 : c.count();
  }

  private double connected(FakeRelay r) {
    Gauge g = registry.find("dvmdash_relay_connected").tag("relay", r.url()).gauge();
    assertNotNull(g);
    return g.value();
  }

  private static void waitSubscribed(FakeRelay r, int reqs) throws Exception {
    waitFor(() -> r.reqs().size() >= reqs);
  }

  private static void waitFor(BooleanSupplier cond) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 20 s");
      }
      Thread.sleep(20);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}

package dvmdash.it;

import static dvmdash.metrics.PrometheusText.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.embedded.EmbeddedMongoServer;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.MetricCatalog;
import dvmdash.metrics.OpsFilesTest;
import dvmdash.metrics.PrometheusText;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.GroundTruth;
import dvmdash.simulator.JunkFactory;
import dvmdash.simulator.JunkType;
import dvmdash.simulator.RelayEntry;
import dvmdash.simulator.SimRandom;
import dvmdash.simulator.SimRelay;
import dvmdash.simulator.SimRelayOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a single node fed by a simulated relay: the text parses as the Prometheus exposition format,
 * every DVMDash family is documented in docs/operations.md, and the pipeline counters move by exactly what the
 * simulator published (its own record: valid events, copies, junk by type), for two batches in a row.
 */
class MetricsIT {

  private static final Map<JunkType, String> REASONS = Map.of(
      JunkType.FORGED_SIGNATURE, "bad_signature",
      JunkType.ID_MISMATCH, "id_mismatch",
      JunkType.MALFORMED_JSON, "malformed_json",
      JunkType.WRONG_TYPES, "wrong_types",
      JunkType.OVERSIZED, "oversized",
      JunkType.FUTURE_CREATED_AT, "future_timestamp");
  private static final String[] ALL_REASONS = {"malformed_json", "wrong_types", "id_mismatch", "bad_signature",
      "oversized", "future_timestamp", "excluded_kind", "unexpected_kind"};

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimRelay relay;
  private EmbeddedMongoServer mongo;
  private TestNode node;
  private long now;
  private final EventSigner user = EventSigner.deterministic(9101);
  private final EventSigner dvm = EventSigner.deterministic(9102);
  private final SimRandom rng = new SimRandom(9103);
  private int serial;

  /** What one batch published, by the simulator's own count. */
  private record Published(int valid, int copies, Map<JunkType, Integer> junk) {
  }

  @BeforeEach
  void start() throws Exception {
    now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    relay = new SimRelay(SimRelayOptions.onPort(0), List.of());
    simVertx.deployVerticle(relay).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo = TestNode.memoryMongo();
    node = TestNode.start(TestNode.config(TestPostgres.freshDatabase(), mongo.uri(), List.of(relay.url()), dir), now,
        AppMetrics.vertxWithMetrics());
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  @Test
  void metricsParseAndPipelineCountersMoveByExactlyWhatWasPublished() throws Exception {
    PrometheusText before = scrape();
    assertEquals(1.0, before.sum("dvmdash_build_info", labels("version", AppMetrics.VERSION)), "build info");
    TestNode.await("relay connected", 30,
        () -> scrapeQuietly().sum("dvmdash_relay_connected", labels("relay", relay.url())) == 1.0);

    GroundTruth truth = new GroundTruth(now);
    Published first = publish(truth, 40, 6, List.of(), junk(2, 1, 3, 1, 1, 2));
    PrometheusText afterFirst = awaitCommitted(before, first.valid());
    assertDeltas(before, afterFirst, first);

    // the second batch also re-sends two events of the first one: duplicates again, nothing new committed for them
    List<NostrEvent> resent = truth.validEvents().subList(0, 2);
    Published second = publish(truth, 25, 3, resent, junk(1, 2, 1, 2, 0, 1));
    PrometheusText afterSecond = awaitCommitted(afterFirst, second.valid());
    assertDeltas(afterFirst, afterSecond, second);
    assertEquals(first.valid() + second.valid(), truth.validCount(), "the simulator's record");

    assertDocumented(afterSecond);
    boolean shared = false;
    for (int i = 0; i < 5 && !shared; i++) {   // a health state change in between renews the answer: try again
      double before2 = scrape().sum("dvmdash_api_answers_total", labels("source", "shared"));
      node.getOk("/api/kinds?range=all");
      node.getOk("/api/kinds?range=all");
      shared = scrape().sum("dvmdash_api_answers_total", labels("source", "shared")) > before2;
    }
    assertTrue(shared, "a repeated stats request is answered with the shared answer");
    for (String name : OpsFilesTest.dashboardMetrics()) {
      if (!name.startsWith("dvmdash_")) {
        assertTrue(afterSecond.names().contains(name), "the dashboard queries " + name + ", which is not exported");
      }
    }
    Set<String> relays = new TreeSet<>();
    afterSecond.samples.stream().filter(s -> s.name().startsWith("dvmdash_relay_"))
        .forEach(s -> relays.add(s.labels().get("relay")));
    assertEquals(Set.of(relay.url()), relays, "relay label values: the configured relays only");
    assertTrue(afterSecond.names().stream().anyMatch(n -> n.startsWith("vertx_http_server_")), "Vert.x HTTP metrics");
    assertTrue(afterSecond.names().stream().anyMatch(n -> n.startsWith("vertx_eventbus_")), "event-bus metrics");
    assertTrue(afterSecond.names().stream().anyMatch(n -> n.startsWith("jvm_")), "JVM metrics");
  }

  private static Map<JunkType, Integer> junk(int forged, int idMismatch, int malformed, int wrongTypes, int oversized,
                                             int future) {
    Map<JunkType, Integer> m = new EnumMap<>(JunkType.class);
    m.put(JunkType.FORGED_SIGNATURE, forged);
    m.put(JunkType.ID_MISMATCH, idMismatch);
    m.put(JunkType.MALFORMED_JSON, malformed);
    m.put(JunkType.WRONG_TYPES, wrongTypes);
    m.put(JunkType.OVERSIZED, oversized);
    m.put(JunkType.FUTURE_CREATED_AT, future);
    return m;
  }

  /**
   * Publishes {@code pairs} requests with one result each (all but the last event first), then the junk, then
   * {@code copies} second copies of this batch's events plus the {@code resent} older ones, then the last event:
   * once the last event is committed, every earlier frame on the socket has been handled.
   */
  private Published publish(GroundTruth truth, int pairs, int copies, List<NostrEvent> resent,
                            Map<JunkType, Integer> junk) {
    List<NostrEvent> events = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      serial++;
      NostrEvent req = user.sign(now - 3000 + serial, 5300, List.of(List.of("p", dvm.pubkey())), "job " + serial);
      NostrEvent res = dvm.sign(now - 2990 + serial, 6300,
          List.of(List.of("e", req.id()), List.of("p", user.pubkey())), "result " + serial);
      events.add(req);
      events.add(res);
    }
    for (NostrEvent e : events.subList(0, events.size() - 1)) {
      truth.add(e);
      relay.publish(e);
    }
    JunkFactory factory = new JunkFactory(rng, now);
    int junkCount = 0;
    for (Map.Entry<JunkType, Integer> j : junk.entrySet()) {
      for (int i = 0; i < j.getValue(); i++) {
        RelayEntry entry = factory.make(j.getKey(), user, now - 100 - (++serial));
        truth.addJunk(j.getKey(), entry.json());
        relay.publishEntry(entry);
        junkCount++;
      }
    }
    for (int i = 0; i < copies; i++) {
      relay.publish(events.get(i * 3));
    }
    resent.forEach(relay::publish);
    NostrEvent last = events.get(events.size() - 1);
    truth.add(last);
    relay.publish(last);
    assertTrue(junkCount > 0);
    return new Published(events.size(), copies + resent.size(), junk);
  }

  private void assertDeltas(PrometheusText a, PrometheusText b, Published p) {
    Map<String, String> r = labels("relay", relay.url());
    assertEquals(p.valid(), delta(a, b, "dvmdash_relay_events_total", r), "events received");
    assertEquals(p.copies(), delta(a, b, "dvmdash_relay_duplicates_total", r), "duplicates");
    Map<String, Integer> byReason = new java.util.HashMap<>();
    p.junk().forEach((type, n) -> byReason.merge(REASONS.get(type), n, Integer::sum));
    for (String reason : ALL_REASONS) {
      assertEquals((long) byReason.getOrDefault(reason, 0), delta(a, b, "dvmdash_relay_invalid_total",
          labels("relay", relay.url(), "reason", reason)), "invalid as " + reason);
    }
    assertEquals(p.valid(), delta(a, b, "dvmdash_events_committed_total", Map.of()), "committed");
    assertEquals(p.valid(), delta(a, b, "dvmdash_batch_events_sum", Map.of()), "events in batches");
    assertEquals(0, delta(a, b, "dvmdash_events_replayed_total", Map.of()), "replayed");
    assertEquals(0, delta(a, b, "dvmdash_batch_failures_total", Map.of()), "failed batches");
    assertEquals(0, delta(a, b, "dvmdash_relay_reconnects_total", r), "reconnects (would re-send events)");
    long batches = delta(a, b, "dvmdash_batch_events_count", Map.of());
    assertTrue(batches >= 1, "batches: " + batches);
    assertEquals(batches, delta(a, b, "dvmdash_batch_duration_seconds_count", Map.of()), "timed batches");
    assertEquals(batches, delta(a, b, "dvmdash_mongo_write_seconds_count", Map.of()), "raw writes");
    assertEquals(batches, delta(a, b, "dvmdash_pg_write_seconds_count", Map.of()), "rollup transactions");
    assertEquals(0.0, b.sum("dvmdash_ingest_in_flight_events", Map.of()), "nothing left in flight");
    assertEquals(0.0, b.sum("dvmdash_processor_pending_events", Map.of()), "nothing left pending");
  }

  private static long delta(PrometheusText a, PrometheusText b, String name, Map<String, String> labels) {
    double d = b.sum(name, labels) - a.sum(name, labels);
    assertEquals(Math.rint(d), d, name + " moves by whole numbers");
    return (long) d;
  }

  private PrometheusText awaitCommitted(PrometheusText before, int expected) throws Exception {
    double base = before.sum("dvmdash_events_committed_total", Map.of());
    TestNode.await(expected + " events committed", 60,
        () -> scrapeQuietly().sum("dvmdash_events_committed_total", Map.of()) - base >= expected);
    Thread.sleep(300);
    return scrape();
  }

  private static void assertDocumented(PrometheusText scrape) throws Exception {
    Map<String, String> documented = MetricCatalog.documented();
    for (String family : scrape.types.keySet()) {
      if (family.startsWith("dvmdash_")) {
        assertNotNull(MetricCatalog.documentedName(documented, family),
            family + " is exported but not listed in docs/operations.md");
      }
    }
  }

  private PrometheusText scrape() throws Exception {
    String text = node.text("/metrics");
    java.nio.file.Files.writeString(Path.of("target", "metrics-it-scrape.txt"), text); // kept for reading
    for (String line : text.split("\n")) {
      assertTrue(line.length() < 10_000, "line length");
    }
    return PrometheusText.parse(text);
  }

  private PrometheusText scrapeQuietly() {
    try {
      return scrape();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

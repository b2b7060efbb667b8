package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.Addresses;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.GroundTruth;
import dvmdash.simulator.JunkType;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.truth.TruthCalculator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole single-node pipeline against the simulator: two relays with overlapping content and junk, real
 * PostgreSQL and the MongoDB-compatible store. Every API figure must equal the simulator's ground truth, computed by
 * the independent {@link TruthCalculator}; replays and restarts must not change any of them.
 */
@ParameterizedClass
@EnumSource(RawStoreUnderTest.class)
class PipelineIT {

  @Parameter
  RawStoreUnderTest rawStore;

  private static final String[] RANGES = {"1h", "24h", "7d", "30d", "all"};
  private static final Map<JunkType, String> REASONS = Map.of(
      JunkType.FORGED_SIGNATURE, "bad_signature",
      JunkType.ID_MISMATCH, "id_mismatch",
      JunkType.MALFORMED_JSON, "malformed_json",
      JunkType.WRONG_TYPES, "wrong_types",
      JunkType.OVERSIZED, "oversized",
      JunkType.FUTURE_CREATED_AT, "future_timestamp");

  @TempDir
  Path dir;
  private Vertx simVertx;
  private SimHandle sim;
  private RawStoreUnderTest.Handle mongo;
  private final List<TestNode> nodes = new ArrayList<>();
  private long now;

  @BeforeEach
  void startSimulator() throws Exception {
    now = System.currentTimeMillis() / 1000;
    simVertx = Vertx.vertx();
    SimulationPlan plan = new SimulationPlan(7, 30, 10, 400, SimulationPlan.DEFAULT_SPAN_SECONDS, 0.03);
    sim = Simulator.start(simVertx, plan, List.of(SimRelayOptions.onPort(0), SimRelayOptions.onPort(0)), now)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    mongo = rawStore.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (TestNode n : nodes) {
      n.close();
    }
    simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    mongo.close();
  }

  private TestNode node(String pgUrl) throws Exception {
    // retention on, as bundled (raw events kept): minute and hour rows older than 31 days are never written
    JsonObject config = TestNode.config(pgUrl, mongo.uri(), sim.urls(), dir)
        .put("retention", new JsonObject().put("enabled", true).put("minute_days", 31));
    TestNode n = TestNode.start(config, now);
    nodes.add(n);
    return n;
  }

  /** What the collector subscribes to: DVM kinds, announcements, zaps, and profiles of DVMs. */
  static long expectedRawCount(List<NostrEvent> valid) {
    Set<String> dvms = new HashSet<>();
    for (NostrEvent e : valid) {
      if ((e.kind() >= 6000 && e.kind() <= 6999) || e.kind() == 7000) {
        dvms.add(e.pubkey());
      }
    }
    return valid.stream().filter(e -> e.kind() != 0 || dvms.contains(e.pubkey())).count();
  }

  private void awaitIngested(TestNode n, List<NostrEvent> valid) throws Exception {
    long expected = expectedRawCount(valid);
    TestNode.await("all " + expected + " valid events stored", 120, () -> {
      try {
        return n.rawCount() == expected;
      } catch (Exception e) {
        return false;
      }
    });
    // the rollups commit right after the raw write of the same batch; a mismatch is reported in detail later
    long requests = new TruthCalculator(valid, now).global("all").getLong("job_requests");
    try {
      TestNode.await("rollups of the last batch", 10, () -> {
        try {
          return n.getOk("/api/stats/global?range=all").getLong("job_requests") == requests;
        } catch (Exception e) {
          return false;
        }
      });
    } catch (AssertionError ignored) {
      // assertApiEqualsTruth names the differing figures
    }
  }

  static void assertApiEqualsTruth(TestNode n, List<NostrEvent> valid, long now) throws Exception {
    TruthCalculator truth = new TruthCalculator(valid, now);
    for (String range : RANGES) {
      JsonAssert.assertSubset("global " + range, truth.global(range),
          n.getOk("/api/stats/global?range=" + range));
      JsonObject dvms = n.getOk("/api/dvms?limit=1000&range=" + range);
      JsonArray expectedDvms = truth.dvms(range);
      for (int i = 0; i < expectedDvms.size(); i++) {
        expectedDvms.getJsonObject(i).remove("by_kind");
      }
      assertEquals(expectedDvms.size(), dvms.getLong("total"), "dvm total " + range);
      JsonAssert.assertSameMembers("dvms " + range, expectedDvms, dvms.getJsonArray("dvms"),
          o -> o.getString("pubkey"));
      JsonAssert.assertSameMembers("kinds " + range, truth.kinds(range),
          n.getOk("/api/kinds?range=" + range).getJsonArray("kinds"), o -> o.getInteger("kind"));
      JsonAssert.assertSubset("timeseries " + range, truth.timeseries(range, null, null).getJsonArray("points"),
          n.getOk("/api/stats/timeseries?range=" + range).getJsonArray("points"));
      // each kind's DVM rows (with the zaps to each DVM for that kind)
      JsonArray kinds = truth.kinds(range);
      for (int i = 0; i < kinds.size(); i++) {
        int k = kinds.getJsonObject(i).getInteger("kind");
        if (k >= 5000 && k <= 5999) {
          JsonAssert.assertSameMembers("kind " + k + " dvms " + range, truth.kindDvms(range, k),
              n.getOk("/api/kinds/" + k + "?range=" + range).getJsonArray("dvms"), o -> o.getString("pubkey"));
        }
      }
    }
    String busiest = truth.global("all").getJsonObject("most_popular_dvm").getString("pubkey");
    for (String range : RANGES) {
      JsonAssert.assertSubset("dvm detail " + range, truth.dvm(range, busiest),
          n.getOk("/api/dvms/" + busiest + "?range=" + range));
      JsonAssert.assertSubset("kind detail " + range, truth.kind(range, 5300),
          n.getOk("/api/kinds/5300?range=" + range));
    }
    for (String range : new String[] {"24h", "30d", "all"}) {
      JsonAssert.assertSubset("timeseries kind 5300 " + range, truth.timeseries(range, 5300, null)
          .getJsonArray("points"), n.getOk("/api/stats/timeseries?kind=5300&range=" + range).getJsonArray("points"));
      JsonAssert.assertSubset("timeseries dvm " + range, truth.timeseries(range, null, busiest)
          .getJsonArray("points"), n.getOk("/api/stats/timeseries?dvm=" + busiest + "&range=" + range)
          .getJsonArray("points"));
    }
  }

  /**
   * The summaries kept batch by batch equal what their schema-7 and schema-9 backfills compute from the rows they
   * summarize: the all-time percentiles per DVM from pair_rt_total, the daily distinct requesters per kind from
   * day_kind_users, the taken and delivered pairs from job_pairs.
   */
  static void assertSummariesMatchTheirSources(TestNode n) throws Exception {
    String percentiles = "SELECT dvm, min(rt) FILTER (WHERE cum * 100 >= 50 * total) AS p50,"
        + " min(rt) FILTER (WHERE cum * 100 >= 95 * total) AS p95 FROM (SELECT dvm, rt,"
        + " sum(n) OVER (PARTITION BY dvm ORDER BY rt) AS cum, sum(n) OVER (PARTITION BY dvm) AS total"
        + " FROM pair_rt_total WHERE n > 0) c GROUP BY dvm";
    String dayUsers = "SELECT minute, kind, count(*) AS users FROM day_kind_users GROUP BY minute, kind";
    String outcomes = "SELECT coalesce(kind, 0) AS kind, dvm, count(*) FILTER (WHERE results > 0 OR feedback > 0)"
        + " AS taken, count(*) FILTER (WHERE results > 0) AS delivered FROM job_pairs WHERE pair_time IS NOT NULL"
        + " GROUP BY 1, 2";
    String kindPercentiles = percentiles.replace("dvm", "kind");
    String times = "SELECT coalesce(kind, 0) AS kind, dvm, first_result_at - request_at AS rt, count(*) AS n"
        + " FROM job_pairs WHERE pair_time IS NOT NULL AND first_result_at >= request_at GROUP BY 1, 2, 3";
    for (String[] q : new String[][] {{"dvm_rt_total", "dvm, p50, p95", percentiles},
        {"kind_rt_total", "kind, p50, p95", kindPercentiles},
        {"kind_dvm_rt_total", "kind, dvm, p50, p95", percentiles.replace("dvm", "kind, dvm")},
        {"(SELECT * FROM pair_rt_total WHERE n <> 0) t", "kind, dvm, rt, n", times},
        {"day_kind_user_counts", "minute, kind, users", dayUsers},
        {"(SELECT * FROM kind_rt_day WHERE n <> 0) t", "minute, kind, rt, n",
            "SELECT minute, kind, rt, sum(n) FROM pair_rt_day GROUP BY 1, 2, 3 HAVING sum(n) <> 0"},
        // a pair that moved to another kind leaves an all-zero row behind
        {"(SELECT * FROM pair_total WHERE pairs <> 0 OR taken <> 0 OR delivered <> 0) t",
            "kind, dvm, taken, delivered", outcomes}}) {
      String diff = "SELECT count(*) AS n FROM ((SELECT " + q[1] + " FROM " + q[0] + " EXCEPT " + q[2] + ") UNION ALL ("
          + q[2] + " EXCEPT SELECT " + q[1] + " FROM " + q[0] + ")) d";
      assertEquals(0, n.sqlRow(diff).getLong("n"), q[0] + " equals its definition over its source rows");
      assertTrue(n.sqlRow("SELECT count(*) AS n FROM " + q[0]).getLong("n") > 0, q[0] + " is filled");
    }
  }

  /**
   * docs/sql.md: dvm_stats and kind_stats and their windowed twins from day 0 give the API's all-time figures per DVM
   * and per kind; the global and
   * per-kind twins from a UTC day on give the sums of the API's daily series points from that day.
   */
  static void assertSqlTwinsAgreeWithTheApi(TestNode n) throws Exception {
    JsonArray dvms = n.getOk("/api/dvms?limit=1000&range=all").getJsonArray("dvms");
    for (int i = 0; i < dvms.size(); i++) {
      JsonObject d = dvms.getJsonObject(i);
      String key = "'" + d.getString("pubkey") + "'";
      JsonObject view = n.sqlRow("SELECT * FROM dvm_stats WHERE id = " + key);
      JsonObject twin = n.sqlRow("SELECT * FROM dvm_stats_since(0) WHERE id = " + key);
      for (JsonObject row : new JsonObject[] {view, twin}) {
        for (String f : new String[] {"job_results", "job_feedback", "job_requests", "errors", "sats_earned",
            "sats_zapped"}) {
          assertEquals(d.getLong(f), row.getLong(f), "dvm_stats " + f);
        }
        assertEquals(d.getDouble("success_rate"), row.getDouble("success_rate"), "dvm_stats success_rate");
      }
      assertEquals(d.getLong("p95_response_seconds"), view.getLong("p95_response_seconds"));
    }
    JsonArray kinds = n.getOk("/api/kinds?range=all").getJsonArray("kinds");
    for (int i = 0; i < kinds.size(); i++) {
      JsonObject k = kinds.getJsonObject(i);
      JsonObject view = n.sqlRow("SELECT * FROM kind_stats WHERE kind = " + k.getInteger("kind"));
      JsonObject twin = n.sqlRow("SELECT * FROM kind_stats_since(0) WHERE kind = " + k.getInteger("kind"));
      for (JsonObject row : new JsonObject[] {view, twin}) {
        for (String f : new String[] {"job_requests", "job_results", "job_feedback", "sats_paid", "sats_zapped"}) {
          assertEquals(k.getLong(f), row.getLong(f), "kind_stats " + k.getInteger("kind") + " " + f);
        }
      }
    }
    assertEquals(kinds.size(), n.sqlRow("SELECT count(*) AS n FROM kind_stats").getLong("n"), "kind_stats rows");
    JsonArray days = n.getOk("/api/stats/timeseries?range=30d").getJsonArray("points");
    JsonArray kindDays = n.getOk("/api/stats/timeseries?range=30d&kind=5300").getJsonArray("points");
    long since = days.getJsonObject(days.size() / 2).getLong("t");
    long requests = 0;
    long errors = 0;
    long kindRequests = 0;
    for (int i = 0; i < days.size(); i++) {
      if (days.getJsonObject(i).getLong("t") >= since) {
        requests += days.getJsonObject(i).getLong("job_requests");
        errors += days.getJsonObject(i).getLong("errors");
        kindRequests += kindDays.getJsonObject(i).getLong("job_requests");
      }
    }
    JsonObject global = n.sqlRow("SELECT * FROM global_stats_since(" + since + ")");
    assertEquals(requests, global.getLong("job_requests"), "global_stats_since requests");
    assertEquals(errors, global.getLong("errors"), "global_stats_since errors");
    assertTrue(requests > 0 && errors > 0, "the half month holds jobs and errors");
    assertEquals(kindRequests, n.sqlRow("SELECT * FROM kind_stats_since(" + since + ") WHERE kind = 5300")
        .getLong("job_requests"), "kind_stats_since requests");
  }

  /**
   * The ground-truth comparisons above cover zapped sats per kind, per kind and DVM, and the per-bucket percentiles;
   * here the simulated history makes sure they are not vacuous: some zaps count for a kind and some (no k tag) for
   * none, some count in a kind's DVM rows (never more than the kind's), and the daily series has buckets with response
   * times.
   */
  static void assertNewFiguresAreExercised(TestNode n, JsonObject all) throws Exception {
    JsonArray kinds = n.getOk("/api/kinds?range=all").getJsonArray("kinds");
    long byKind = 0;
    for (int i = 0; i < kinds.size(); i++) {
      byKind += kinds.getJsonObject(i).getLong("sats_zapped");
    }
    assertTrue(byKind > 0 && byKind < all.getLong("total_sats_zapped"),
        "zapped sats by kind " + byKind + " of " + all.getLong("total_sats_zapped"));
    long byKindAndDvm = 0;
    for (int i = 0; i < kinds.size(); i++) {
      int k = kinds.getJsonObject(i).getInteger("kind");
      JsonArray rows = n.getOk("/api/kinds/" + k + "?range=all").getJsonArray("dvms");
      long ofKind = 0;
      for (int j = 0; j < rows.size(); j++) {
        ofKind += rows.getJsonObject(j).getLong("sats_zapped");
      }
      assertTrue(ofKind <= kinds.getJsonObject(i).getLong("sats_zapped"), "kind " + k + ": DVM rows' zaps " + ofKind);
      byKindAndDvm += ofKind;
    }
    assertTrue(byKindAndDvm > 0, "some zaps count in a kind's DVM rows");
    JsonArray days = n.getOk("/api/stats/timeseries?range=30d").getJsonArray("points");
    long withTimes = 0;
    for (int i = 0; i < days.size(); i++) {
      withTimes += days.getJsonObject(i).getValue("p95_response_seconds") == null ? 0 : 1;
    }
    assertTrue(withTimes > 1, "days with a p95: " + withTimes);
  }

  @Test
  void apiAnswersEqualTheSimulatorsGroundTruth() throws Exception {
    TestNode n = node(TestPostgres.freshDatabase());
    GroundTruth gt = sim.truth();
    List<NostrEvent> valid = gt.validEvents();
    awaitIngested(n, valid);
    assertApiEqualsTruth(n, valid, now);
    assertSummariesMatchTheirSources(n);
    long keptFrom = dvmdash.store.Retention.minuteHorizon(System.currentTimeMillis() / 1000, 31) / 60;
    for (String table : dvmdash.store.Retention.TIER_TABLES) {
      assertEquals(0, n.sqlRow("SELECT count(*) AS n FROM " + table + " WHERE minute < " + keptFrom).getLong("n"),
          table + ": no minute or hour row older than the retention horizon");
    }
    assertTrue(n.sqlRow("SELECT count(*) AS n FROM day_counts WHERE minute < " + keptFrom).getLong("n") > 0,
        "the simulated history reaches past the horizon");

    // the all-time rollup views of the schema agree with the API
    JsonObject all = n.getOk("/api/stats/global?range=all");
    JsonObject view = n.sqlRow("SELECT * FROM global_stats");
    for (String f : new String[] {"job_requests", "job_results", "unique_users", "unique_dvms", "total_sats",
        "total_sats_zapped"}) {
      assertEquals(all.getLong(f), view.getLong(f), "global_stats." + f);
    }
    assertEquals(all.getJsonObject("most_popular_dvm").getString("pubkey"), view.getString("most_popular_dvm"));
    assertEquals(all.getJsonObject("most_popular_kind").getInteger("kind"), view.getInteger("most_popular_kind"));
    assertSqlTwinsAgreeWithTheApi(n);
    assertNewFiguresAreExercised(n, all);

    JsonArray relays = n.getOk("/api/relays").getJsonArray("relays");
    assertEquals(2, relays.size());
    for (Map.Entry<JunkType, String> e : REASONS.entrySet()) {
      long counted = 0;
      for (int i = 0; i < relays.size(); i++) {
        counted += relays.getJsonObject(i).getJsonObject("invalid_by_reason").getLong(e.getValue(), 0L);
      }
      assertEquals(gt.junkCount(e.getKey()), counted, "rejected as " + e.getValue());
    }
    long excludedDelivered = 0;
    long duplicates = 0;
    for (int i = 0; i < relays.size(); i++) {
      excludedDelivered += relays.getJsonObject(i).getJsonObject("invalid_by_reason").getLong("excluded_kind", 0L);
      duplicates += relays.getJsonObject(i).getLong("duplicates");
    }
    // excluded kinds are left out of the REQ, so a relay that honours filters never sends them (the frame handler's
    // own test covers relays that do); none may be stored
    assertTrue(!gt.excludedKindEvents().isEmpty(), "the simulator published excluded kinds");
    for (NostrEvent e : gt.excludedKindEvents()) {
      assertEquals(404, n.get("/api/events/" + e.id()).status(), "excluded kind " + e.kind() + " stored");
    }
    assertEquals(0, excludedDelivered, "relay sent excluded kinds despite the filter");
    assertTrue(duplicates >= gt.junkCount(JunkType.DUPLICATE), "duplicates counted: " + duplicates);

    NostrEvent some = valid.get(valid.size() / 2);
    JsonObject ev = n.getOk("/api/events/" + some.id());
    assertEquals(some.sig(), ev.getJsonObject("event").getString("sig"));
    assertEquals(404, n.get("/api/events/" + "0".repeat(64)).status());
  }

  @Test
  void badParametersGet400AndUnknownIds404WithAJsonError() throws Exception {
    TestNode n = node(TestPostgres.freshDatabase());
    String[][] cases = {
        {"/api/stats/global?range=2h", "400"},
        {"/api/stats/timeseries?kind=abc", "400"},
        {"/api/stats/timeseries?kind=7000", "400"},
        {"/api/stats/timeseries?dvm=xyz", "400"},
        {"/api/dvms?limit=0", "400"},
        {"/api/dvms?limit=5000", "400"},
        {"/api/dvms?sort=bogus", "400"},
        {"/api/dvms?offset=-1", "400"},
        {"/api/dvms/not-a-key", "400"},
        {"/api/dvms/" + "a".repeat(64), "404"},
        {"/api/kinds/12", "400"},
        {"/api/kinds/5999", "404"},
        {"/api/events?until=yesterday", "400"},
        {"/api/events/" + "b".repeat(64), "404"},
        {"/api/nothing-here", "404"},
        {"/api/admin/relays", "403"},
    };
    TestNode.Reply ready = n.get("/ready");
    assertEquals(200, ready.status());
    assertEquals("ok", ready.body().getJsonObject("checks").getString("postgresql"));
    assertEquals(rawStore == RawStoreUnderTest.MONGODB ? "ok" : null,
        ready.body().getJsonObject("checks").getString("mongodb"), "MongoDB is checked only when it holds raw events");
    for (String[] c : cases) {
      TestNode.Reply r = n.get(c[0]);
      assertEquals(Integer.parseInt(c[1]), r.status(), c[0]);
      assertTrue(r.body() != null && !r.body().getString("error", "").isBlank(), c[0] + " has a JSON error");
    }
  }

  @Test
  void replayingEveryEventChangesNoNumber() throws Exception {
    TestNode n = node(TestPostgres.freshDatabase());
    List<NostrEvent> valid = sim.truth().validEvents();
    awaitIngested(n, valid);
    long raw = n.rawCount();
    // replay everything straight into the processor, as a second relay or a crashed collector would
    List<ReceivedEvent> replay = new ArrayList<>();
    for (NostrEvent e : valid) {
      replay.add(ReceivedEvent.of(e, "ws://replay.invalid", System.currentTimeMillis()));
    }
    for (int i = 0; i < replay.size(); i += 250) {
      n.vertx.eventBus().request(Addresses.INGEST_EVENTS,
          new IngestBatch(replay.subList(i, Math.min(replay.size(), i + 250))))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    assertEquals(raw + (valid.size() - raw), n.rawCount(), "replayed events are stored once");
    assertApiEqualsTruthExceptProfilesOf(n, valid);
  }

  /** After a replay that includes user profiles the raw store grows by those, the rollups must not change. */
  private void assertApiEqualsTruthExceptProfilesOf(TestNode n, List<NostrEvent> valid) throws Exception {
    assertApiEqualsTruth(n, valid, now);
  }

  @Test
  void restartMidStreamLosesAndDoublesNothing() throws Exception {
    String pg = TestPostgres.freshDatabase();
    TestNode first = node(pg);
    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = expectedRawCount(valid);
    TestNode.await("a third of the events stored", 120, () -> {
      try {
        return first.rawCount() >= expected / 3;
      } catch (Exception e) {
        return false;
      }
    });
    first.close();
    nodes.remove(first);
    TestNode second = node(pg);
    awaitIngested(second, valid);
    assertApiEqualsTruth(second, valid, now);
  }
}

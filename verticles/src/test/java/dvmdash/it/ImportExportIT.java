package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.cli.ExportCommand;
import dvmdash.cli.ImportCommand;
import dvmdash.cli.RebuildCommand;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.store.Retention;
import dvmdash.truth.TruthCalculator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rebuild the rollups of a node that collected the simulator's network from its raw events (same figures), export
 * every raw event, import the file into empty stores with the import command (same checks, same pipeline), and the
 * new node answers exactly like the ground truth.
 */
@ParameterizedClass
@EnumSource(RawStoreUnderTest.class)
class ImportExportIT {

  @Parameter
  RawStoreUnderTest rawStore;

  @TempDir
  Path dir;

  private static JsonObject allTime(JsonObject config, long now) throws Exception {
    try (TestNode n = TestNode.start(config, now)) {
      JsonObject all = n.getOk("/api/stats/global?range=all");
      all.remove("now");
      return all;
    }
  }

  private static io.vertx.core.json.JsonArray withoutByKind(io.vertx.core.json.JsonArray dvms) {
    for (int i = 0; i < dvms.size(); i++) {
      dvms.getJsonObject(i).remove("by_kind");
    }
    return dvms;
  }

  @Test
  void exportThenImportIntoEmptyStoresRebuildsEveryFigure() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Vertx simVertx = Vertx.vertx();
    SimHandle sim = Simulator.start(simVertx, new SimulationPlan(11, 20, 8, 200, SimulationPlan.DEFAULT_SPAN_SECONDS,
        0.02), List.of(SimRelayOptions.onPort(0)), now).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    List<NostrEvent> valid = sim.truth().validEvents();
    long expected = PipelineIT.expectedRawCount(valid);
    Path file = dir.resolve("export.jsonl");
    try (RawStoreUnderTest.Handle mongoA = rawStore.start();
         RawStoreUnderTest.Handle mongoB = rawStore.start()) {
      var configA = TestNode.config(TestPostgres.freshDatabase(), mongoA.uri(), sim.urls(), dir.resolve("a"));
      try (TestNode a = TestNode.start(configA, now)) {
        long requests = new TruthCalculator(valid, now).global("all").getLong("job_requests");
        TestNode.await("ingest and rollups", 120, () -> {
          try {
            return a.rawCount() == expected
                && a.getOk("/api/stats/global?range=all").getLong("job_requests") == requests;
          } catch (Exception e) {
            return false;
          }
        });
      }
      JsonObject beforeRebuild = allTime(configA, now);
      assertEquals(0, RebuildCommand.run(configA));
      try (TestNode rebuilt = TestNode.start(configA, now)) {
        JsonAssert.assertSubset("rebuild", beforeRebuild, rebuilt.getOk("/api/stats/global?range=all"));
        JsonAssert.assertSubset("rebuild vs truth", new TruthCalculator(valid, now).global("all"),
            rebuilt.getOk("/api/stats/global?range=all"));
        JsonAssert.assertSameMembers("rebuild dvms", withoutByKind(new TruthCalculator(valid, now).dvms("30d")),
            rebuilt.getOk("/api/dvms?limit=1000&range=30d").getJsonArray("dvms"), o -> o.getString("pubkey"));
      }
      assertEquals(0, ExportCommand.run(configA, null, null, null, file));
      assertEquals(expected, Files.readAllLines(file).size(), "one line per stored event");

      var configB = TestNode.config(TestPostgres.freshDatabase(), mongoB.uri(), List.of("ws://127.0.0.1:9"),
          dir.resolve("b"));
      // retention on (as bundled): the import ends by deleting the minute and hour rows no figure reads
      configB.put("retention", new JsonObject().put("enabled", true).put("minute_days", 31));
      assertEquals(0, ImportCommand.run(configB, file));
      JsonObject health = TestNode.sqlRow(simVertx, configB, "SELECT count(*) AS n, count(*) FILTER (WHERE"
          + " evaluated_to IS NULL OR dirty_from IS NOT NULL) AS undecided FROM dvm_health");
      assertTrue(health.getLong("n") > 0, "the import holds DVM health evidence");
      assertEquals(0L, health.getLong("undecided"), "the import decided every DVM's health up to now");
      for (String table : List.of("day_counts", "pair_day", "pair_rt_day", "pair_customers_day", "day_kind_users")) {
        assertEquals(0L, TestNode.sqlRow(simVertx, configB, "SELECT count(*) AS n FROM (SELECT minute, lag(minute)"
            + " OVER (ORDER BY ctid) AS before FROM " + table + ") t WHERE minute < before").getLong("n"),
            table + ": the import leaves its rows on disk in bucket order");
      }
      assertEquals("{fillfactor=80}", TestNode.sqlRow(simVertx, configB, "SELECT reloptions::text AS o FROM pg_class"
          + " WHERE relname = 'day_counts'").getString("o"), "the batches' pages keep their free fifth after the import");
      assertEquals(0, ImportCommand.run(configB, file), "importing twice changes nothing");
      try (TestNode b = TestNode.start(configB, now)) {
        assertEquals(expected, b.rawCount());
        TruthCalculator truth = new TruthCalculator(valid, now);
        long horizonMinute = Retention.minuteHorizon(System.currentTimeMillis() / 1000, 31) / 60;
        for (String table : Retention.TIER_TABLES) {
          assertEquals(0, b.sqlRow("SELECT count(*) AS n FROM " + table + " WHERE minute < " + horizonMinute)
              .getLong("n"), table + ": no row older than the horizon after the import");
        }
        assertTrue(b.sqlRow("SELECT count(*) AS n FROM day_counts WHERE minute < " + horizonMinute).getLong("n") > 0,
            "the import holds history older than the horizon");
        for (String range : new String[] {"24h", "30d", "all"}) {
          JsonAssert.assertSubset("global " + range, truth.global(range),
              b.getOk("/api/stats/global?range=" + range));
          JsonAssert.assertSameMembers("kinds " + range, truth.kinds(range),
              b.getOk("/api/kinds?range=" + range).getJsonArray("kinds"), o -> o.getInteger("kind"));
          JsonAssert.assertSameMembers("dvms " + range, withoutByKind(truth.dvms(range)),
              b.getOk("/api/dvms?limit=1000&range=" + range).getJsonArray("dvms"), o -> o.getString("pubkey"));
          JsonAssert.assertSubset("timeseries kind 5300 " + range, truth.timeseries(range, 5300, null)
              .getJsonArray("points"), b.getOk("/api/stats/timeseries?kind=5300&range=" + range)
              .getJsonArray("points"));
        }
      }
    } finally {
      simVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}

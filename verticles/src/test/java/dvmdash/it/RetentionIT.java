package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.cli.RebuildCommand;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimRelayOptions;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.Simulator;
import dvmdash.store.Retention;
import dvmdash.store.Stores;
import dvmdash.truth.TruthCalculator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retention on a node that collected 90 days of simulated history: every API figure of range all (global, every DVM,
 * every kind, the time series, per kind and per DVM) and of 30d / 7d is identical before and after a run, the
 * per-minute rows and raw events older than their horizons are gone (the hour and day tiers keep the figures), a second run changes nothing, a run while
 * another holds the lock skips, rebuild refuses once raw events were deleted, and the figures still equal the ground
 * truth computed from the simulator's record.
 */
@ParameterizedClass
@EnumSource(RawStoreUnderTest.class)
class RetentionIT {

  @Parameter
  RawStoreUnderTest rawStore;

  private static final long DAY = 86_400;

  @TempDir
  Path dir;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** Every figure a user can read for the ranges retention could touch. */
  private static JsonObject snapshot(TestNode n) throws Exception {
    JsonObject s = new JsonObject();
    for (String range : new String[] {"all", "30d", "7d"}) {
      s.put("global " + range, n.getOk("/api/stats/global?range=" + range));
      s.put("dvms " + range, n.getOk("/api/dvms?limit=1000&range=" + range));
      s.put("kinds " + range, n.getOk("/api/kinds?range=" + range));
      s.put("timeseries " + range, n.getOk("/api/stats/timeseries?range=" + range));
    }
    JsonArray dvms = s.getJsonObject("dvms all").getJsonArray("dvms");
    for (int i = 0; i < dvms.size(); i++) {
      String d = dvms.getJsonObject(i).getString("pubkey");
      s.put("dvm " + d, n.getOk("/api/dvms/" + d + "?range=all"));
      s.put("timeseries dvm " + d, n.getOk("/api/stats/timeseries?range=all&dvm=" + d));
    }
    JsonArray kinds = s.getJsonObject("kinds all").getJsonArray("kinds");
    for (int i = 0; i < kinds.size(); i++) {
      int k = kinds.getJsonObject(i).getInteger("kind");
      s.put("kind " + k, n.getOk("/api/kinds/" + k + "?range=all"));
      s.put("timeseries kind " + k, n.getOk("/api/stats/timeseries?range=all&kind=" + k));
    }
    return s;
  }

  private static void assertSameFigures(String when, JsonObject expected, JsonObject actual) {
    assertEquals(expected.fieldNames(), actual.fieldNames(), when + ": same figures listed");
    for (String key : expected.fieldNames()) {
      assertEquals(expected.getJsonObject(key).encodePrettily(), actual.getJsonObject(key).encodePrettily(),
          when + ": " + key);
    }
  }

  private static long count(Pool pg, String sql, Object... params) throws Exception {
    Row r = await(pg.preparedQuery(sql).execute(io.vertx.sqlclient.Tuple.wrap(List.of(params)))).iterator().next();
    return r.getLong(0);
  }

  private static long minuteRowsBefore(Pool pg, String table, long horizonSeconds) throws Exception {
    return count(pg, "SELECT count(*) FROM " + table + " WHERE minute < $1", horizonSeconds / 60);
  }

  @Test
  void retentionKeepsEveryFigureAndRemovesOldRows() throws Exception {
    long generatedAt = System.currentTimeMillis() / 1000;
    // the API and retention look at the data 20 days later, so that about half of it is older than the horizon
    long now = generatedAt + 20 * DAY;
    RetentionConfig cfg = new RetentionConfig(true, 40, RetentionConfig.MIN_MINUTE_DAYS, 60);
    long minuteHorizon = Retention.minuteHorizon(now, cfg.minuteDays());
    long rawHorizon = Retention.rawHorizon(now, cfg.rawDays());
    Vertx vertx = Vertx.vertx();
    SimHandle sim = await(Simulator.start(vertx, new SimulationPlan(23, 30, 9, 500, 90 * DAY, 0.02),
        List.of(SimRelayOptions.onPort(0)), generatedAt));
    List<NostrEvent> valid = sim.truth().validEvents();
    long expectedRaw = PipelineIT.expectedRawCount(valid);
    try (RawStoreUnderTest.Handle mongoServer = rawStore.start()) {
      JsonObject config = TestNode.config(TestPostgres.freshDatabase(), mongoServer.uri(), sim.urls(), dir);
      Pool pg = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(
          config.getJsonObject("stores").getString("pg_url"))).using(vertx).build();
      Stores mongo = Stores.connect(vertx, config, "retention-test");
      try (TestNode n = TestNode.start(config, now)) {
        long requests = new TruthCalculator(valid, now).global("all").getLong("job_requests");
        TestNode.await("ingest and rollups", 180, () -> {
          try {
            return n.rawCount() == expectedRaw
                && n.getOk("/api/stats/global?range=all").getLong("job_requests") == requests;
          } catch (Exception e) {
            return false;
          }
        });
        JsonObject before = snapshot(n);
        long oldRawBefore = rawOlderThan(mongo, rawHorizon);
        long[] fine = {minuteRowsBefore(pg, "minute_counts", minuteHorizon),
            minuteRowsBefore(pg, "kind_users", minuteHorizon), minuteRowsBefore(pg, "kind_dvms", minuteHorizon)};
        long hourRowsOld = 0;
        for (String t : Retention.HOUR_TABLES) {
          hourRowsOld += minuteRowsBefore(pg, t, minuteHorizon);
        }
        assertTrue(hourRowsOld > 100, "a good part of the hour rows is old: " + hourRowsOld);
        long countRows = count(pg, "SELECT count(*) FROM minute_counts");
        assertTrue(fine[0] > 100 && fine[1] > 50 && fine[2] > 50, "a good part of the rows is old: "
            + java.util.Arrays.toString(fine) + " of " + countRows);
        assertTrue(oldRawBefore > 100, "a good part of the raw events is old: " + oldRawBefore);

        Retention retention = new Retention(pg, mongo.raw(), cfg, Future::succeededFuture);
        Retention.Result first = await(retention.run(now));
        System.out.println("retention run: " + first.toJson().encode());
        assertEquals(fine[0], first.countRowsDeleted());
        assertEquals(fine[1], first.userRowsDeleted());
        assertEquals(fine[2], first.dvmRowsDeleted());
        assertEquals(hourRowsOld, first.hourRowsDeleted());
        assertEquals(oldRawBefore, first.rawDeleted());
        for (String t : new String[] {"minute_counts", "kind_users", "kind_dvms"}) {
          assertEquals(0, minuteRowsBefore(pg, t, minuteHorizon), t + ": no per-minute row older than the horizon");
        }
        for (String t : Retention.HOUR_TABLES) {
          assertEquals(0, minuteRowsBefore(pg, t, minuteHorizon), t + ": no per-hour row older than the horizon");
        }
        assertTrue(count(pg, "SELECT count(*) FROM minute_counts") < countRows, "fewer rows after the run");
        assertEquals(0, rawOlderThan(mongo, rawHorizon), "raw events older than raw_days are gone");
        assertEquals(expectedRaw - oldRawBefore, n.rawCount(), "newer raw events are kept");
        assertEquals(rawHorizon, count(pg, "SELECT raw_horizon FROM retention_state"));
        assertEquals(minuteHorizon, count(pg, "SELECT minute_horizon FROM retention_state"));

        assertSameFigures("after retention", before, snapshot(n));

        Retention.Result second = await(retention.run(now));
        assertTrue(second.changedNothing(), "a second run changes nothing: " + second.toJson());
        assertSameFigures("after a second run", before, snapshot(n));

        // every event sent again, the deleted old ones included: all were counted already, nothing changes
        Path replay = dir.resolve("replay.jsonl");
        java.nio.file.Files.write(replay, valid.stream().map(dvmdash.shared.nostr.EventWriter::toJson).toList());
        assertEquals(0, dvmdash.cli.ImportCommand.run(config, replay));
        assertSameFigures("after replaying every event", before, snapshot(n));

        // a run while another holds the retention lock skips
        Retention.Result whileLocked = await(pg.withTransaction(conn -> conn
            .query("SELECT pg_try_advisory_xact_lock(" + Retention.RETENTION_LOCK + ")").execute()
            .compose(v -> retention.run(now))));
        assertTrue(whileLocked.skipped(), "a concurrent run is skipped");

        assertNotEquals(0, RebuildCommand.run(config), "rebuild refuses once raw events were deleted");
        assertSameFigures("after the refused rebuild", before, snapshot(n));

        PipelineIT.assertApiEqualsTruth(n, valid, now);

        for (String t : new String[] {"seen_events", "job_status", "job_pairs"}) {
          long rows = count(pg, "SELECT count(*) FROM " + t);
          long bytes = count(pg, "SELECT pg_total_relation_size('" + t + "')");
          System.out.printf("storage kept: %s %d rows, %d bytes (%.0f bytes/row incl. indexes)%n", t, rows, bytes,
              (double) bytes / rows);
        }
      } finally {
        await(mongo.close());
        await(pg.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void rebuildAfterAFoldWithRawEventsKeptGivesTheSameFigures() throws Exception {
    long generatedAt = System.currentTimeMillis() / 1000;
    long now = generatedAt + 20 * DAY;
    RetentionConfig cfg = new RetentionConfig(true, 0, RetentionConfig.MIN_MINUTE_DAYS, 60);
    Vertx vertx = Vertx.vertx();
    SimHandle sim = await(Simulator.start(vertx, new SimulationPlan(29, 20, 6, 250, 90 * DAY, 0.0),
        List.of(SimRelayOptions.onPort(0)), generatedAt));
    List<NostrEvent> valid = sim.truth().validEvents();
    long expectedRaw = PipelineIT.expectedRawCount(valid);
    try (RawStoreUnderTest.Handle mongoServer = rawStore.start()) {
      // the node schedules retention too (first run a minute after start); whichever run deletes first, the other
      // finds nothing left to do
      JsonObject config = TestNode.config(TestPostgres.freshDatabase(), mongoServer.uri(), sim.urls(), dir)
          .put("retention", new JsonObject().put("minute_days", cfg.minuteDays()).put("interval_minutes", 600));
      long minuteHorizon = Retention.minuteHorizon(now, cfg.minuteDays());
      NostrEvent answer = valid.stream().filter(e -> e.kind() >= 6000 && e.kind() < 7000 && e.tagValue("e") != null
          && e.createdAt() > minuteHorizon + DAY).findFirst().orElseThrow();
      long answeredAt = valid.stream().filter(e -> e.kind() >= 6000 && e.kind() < 7000
              && answer.tagValue("e").equals(e.tagValue("e")) && e.pubkey().equals(answer.pubkey()))
          .mapToLong(NostrEvent::createdAt).min().orElseThrow();
      JsonObject before;
      Pool pg = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(
          config.getJsonObject("stores").getString("pg_url"))).using(vertx).build();
      Stores mongo = Stores.connect(vertx, config, "retention-test");
      try (TestNode n = TestNode.start(config, now)) {
        long requests = new TruthCalculator(valid, now).global("all").getLong("job_requests");
        TestNode.await("ingest", 180, () -> {
          try {
            long raw = n.rawCount();
            long got = n.getOk("/api/stats/global?range=all").getLong("job_requests");
            return raw == expectedRaw && got == requests;
          } catch (Exception e) {
            return false;
          }
        });
        before = snapshot(n);
        Retention.Result r = await(new Retention(pg, mongo.raw(), cfg, Future::succeededFuture).run(now));
        assertEquals(0, r.rawDeleted(), "raw_days 0 keeps raw events");
        assertEquals(0, minuteRowsBefore(pg, "minute_counts", minuteHorizon), "old minute rows deleted");
        assertTrue(count(pg, "SELECT count(*) FROM day_counts WHERE minute < $1", minuteHorizon / 60) > 0,
            "there were old rows, kept in the day tier");
        assertEquals(expectedRaw, n.rawCount());
        assertSameFigures("after retention", before, snapshot(n));
        // an operator's setting, not derived from events: rebuild keeps it
        await(pg.query("INSERT INTO health_watch (pubkey, added_at) VALUES ('" + "ab".repeat(32) + "', 1)").execute());
        await(pg.query("INSERT INTO health_maintenance (dvm, starts_at, ends_at, note, created_at) VALUES ('"
            + "ab".repeat(32) + "', " + now + ", " + (now + 3_600) + ", 'GPU swap', 1)").execute());
        // a synthetic job the monitor sent: a request of the data whose DVM answered (its outcome is replayed)
        await(pg.query("INSERT INTO health_jobs (request_id, dvm, kind, sent_at) VALUES ('" + answer.tagValue("e")
            + "', '" + answer.pubkey() + "', " + (answer.kind() - 1000) + ", " + (answeredAt - 5) + ")").execute());
      } finally {
        await(mongo.close());
        await(pg.close());
      }
      assertEquals(0, RebuildCommand.run(config), "rebuild runs while every raw event is kept");
      try (TestNode n = TestNode.start(config, now)) {
        assertSameFigures("after rebuild", before, snapshot(n));
        assertEquals(1L, n.sqlRow("SELECT count(*) AS c FROM health_watch").getLong("c"), "watch list kept");
        assertEquals("GPU swap", n.sqlRow("SELECT note FROM health_maintenance").getString("note"),
            "maintenance windows kept");
        assertEquals(answeredAt, n.sqlRow("SELECT result_at FROM health_jobs").getLong("result_at"),
            "the synthetic job kept, its result found again in the replay");
        // and new windows get fresh ids after the copied ones
        assertEquals(2L, n.sqlRow("INSERT INTO health_maintenance (dvm, starts_at, ends_at, created_at) VALUES ('"
            + "cd".repeat(32) + "', 1, 2, 1) RETURNING id").getLong("id"));
      }
    } finally {
      await(vertx.close());
    }
  }

  private static long rawOlderThan(Stores stores, long createdAt) throws Exception {
    return await(stores.raw().ascending(0, createdAt - 1, null, null, null, 10_000_000)).size();
  }
}

package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.health.HealthEvaluator;
import dvmdash.health.HealthRepository;
import dvmdash.health.HealthRules;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.store.HealthRetention;
import dvmdash.store.PgSchema;
import dvmdash.store.Retention;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Retention of the health tables: evidence, probes, old state changes and ended maintenance windows go, every figure
 * the API shows stays, and a DVM re-decided after late evidence older than the horizon gets the same history.
 */
class HealthRetentionIT {

  private static final long DAY = 86_400;
  private static final String STEADY = "aa".repeat(32);
  private static final String FLAKY = "bb".repeat(32);

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static long count(Pool pg, String sql) throws Exception {
    return await(pg.query(sql).execute()).iterator().next().getLong(0);
  }

  /** Heartbeats every 300 s from {@code from} to {@code to}, as the batch writer stores them. */
  private static void beats(Pool pg, String dvm, long from, long to) throws Exception {
    await(pg.query("INSERT INTO health_evidence (dvm, minute, beats, results, errors, last_beat) "
        + "SELECT '" + dvm + "', t, 1, 0, 0, t FROM generate_series(" + from + "::bigint, " + to + ", 300) t")
        .execute());
    await(pg.query("INSERT INTO dvm_health AS d (dvm, first_evidence, last_evidence, first_beat, last_beat) VALUES ('"
        + dvm + "', " + from + ", " + to + ", " + from + ", " + to + ") ON CONFLICT (dvm) DO UPDATE SET "
        + "first_evidence = least(d.first_evidence, excluded.first_evidence), "
        + "last_evidence = greatest(d.last_evidence, excluded.last_evidence), "
        + "first_beat = least(d.first_beat, excluded.first_beat), last_beat = greatest(d.last_beat, excluded.last_beat)")
        .execute());
  }

  private static JsonArray changes(Pool pg, String dvm) throws Exception {
    JsonArray out = new JsonArray();
    for (Row r : await(pg.query("SELECT at, state FROM health_changes WHERE dvm = '" + dvm + "' ORDER BY at")
        .execute())) {
      out.add(new JsonArray().add(r.getLong(0)).add(r.getString(1)));
    }
    return out;
  }

  @Test
  void oldEvidenceGoesAndTheFiguresAndHistoryStay() throws Exception {
    long now = Math.floorDiv(System.currentTimeMillis() / 1000, 60) * 60;
    Vertx vertx = Vertx.vertx();
    String url = TestPostgres.freshDatabase();
    Pool pg = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    try {
      await(PgSchema.migrate(vertx, url));
      beats(pg, STEADY, now - 60 * DAY, now - 300);
      // FLAKY: up, down from day 45 to day 35 before now, up again
      beats(pg, FLAKY, now - 60 * DAY, now - 45 * DAY);
      beats(pg, FLAKY, now - 35 * DAY, now - 300);
      for (int i = 0; i < 60; i++) {
        if (i >= 30 && i < 50) {
          continue; // answered pings only while it is up
        }
        long sent = now - i * DAY - 3_600;
        await(pg.query("INSERT INTO health_probes (ping_id, dvm, sent_at, pong_at) VALUES ('p" + i + "', '" + FLAKY
            + "', " + sent + ", " + (sent + 1 + i % 3) + ")").execute());
      }
      await(pg.query("INSERT INTO health_maintenance (dvm, starts_at, ends_at, note, created_at) VALUES "
          + "('" + FLAKY + "', " + (now - 41 * DAY) + ", " + (now - 40 * DAY) + ", 'old', 0), "
          + "('" + FLAKY + "', " + (now + DAY) + ", " + (now + DAY + 3_600) + ", 'next', 0)").execute());
      HealthEvaluator evaluator = new HealthEvaluator(pg, HealthRules.DEFAULTS);
      await(evaluator.run(now));
      HealthRepository api = new HealthRepository(pg);
      JsonObject steadyBefore = await(api.dvm(STEADY, now));
      JsonObject flakyBefore = await(api.dvm(FLAKY, now));
      JsonArray flakyChanges = changes(pg, FLAKY);
      assertEquals(3, flakyChanges.size(), "up, down, up: " + flakyChanges);
      assertEquals(1, flakyBefore.getJsonArray("maintenance").size());

      RetentionConfig cfg = new RetentionConfig(true, 0, RetentionConfig.MIN_MINUTE_DAYS, 60);
      long horizon = Retention.minuteHorizon(now, cfg.minuteDays());
      long evidenceOld = count(pg, "SELECT count(*) FROM health_evidence WHERE minute < "
          + (horizon - HealthRetention.MARGIN));
      long evidenceKept = count(pg, "SELECT count(*) FROM health_evidence WHERE minute >= "
          + (horizon - HealthRetention.MARGIN));
      assertTrue(evidenceOld > 5_000, "much old evidence: " + evidenceOld);
      Retention.Result r = await(new Retention(pg, null, cfg, Future::succeededFuture).run(now));
      assertTrue(r.healthRowsDeleted() >= evidenceOld + 2 + 1, r.toJson().encode());
      assertEquals(0, count(pg, "SELECT count(*) FROM health_evidence WHERE minute < "
          + (horizon - HealthRetention.MARGIN)));
      assertEquals(evidenceKept, count(pg, "SELECT count(*) FROM health_evidence"));
      assertEquals(0, count(pg, "SELECT count(*) FROM health_probes WHERE sent_at < "
          + (horizon - HealthRetention.MARGIN)));
      assertEquals(30, count(pg, "SELECT count(*) FROM health_probes"), "the pings of the last 30 days stay");
      assertEquals(1, count(pg, "SELECT count(*) FROM health_maintenance"), "the ended window went");
      // the latest change before the horizon stays (the state at the start of every window), older ones go
      assertEquals(new JsonArray().add(flakyChanges.getJsonArray(2)), changes(pg, FLAKY));
      assertEquals(steadyBefore, await(api.dvm(STEADY, now)), "steady DVM unchanged");
      assertEquals(flakyBefore, await(api.dvm(FLAKY, now)), "uptime, outages, probes and maintenance unchanged");
      assertTrue(await(new Retention(pg, null, cfg, Future::succeededFuture).run(now)).changedNothing());

      // late evidence older than the horizon (a backfill) marks both dirty: re-decided from the horizon, not before
      await(pg.query("UPDATE dvm_health SET dirty_from = " + (now - 50 * DAY)).execute());
      JsonArray steadyChanges = changes(pg, STEADY);
      await(evaluator.run(now));
      assertEquals(steadyChanges, changes(pg, STEADY));
      assertEquals(new JsonArray().add(flakyChanges.getJsonArray(2)), changes(pg, FLAKY));
      assertEquals(flakyBefore, await(api.dvm(FLAKY, now)));
    } finally {
      pg.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}

package dvmdash.store;

import dvmdash.shared.config.RetentionConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Supplier;

/**
 * One retention run (docs/maintenance.md). In ONE PostgreSQL transaction: per-minute rows of {@code minute_counts},
 * {@code kind_users} and {@code kind_dvms} older than the minute horizon (a UTC day boundary) are folded into day
 * rows of the same tables (minute = the day's first minute; counters summed, memberships made distinct per day), the
 * minute of pending {@code unresolved_feedback} is moved to its day the same way (so a late request moves the
 * feedback between the folded rows), and the horizons are recorded in {@code retention_state}. Every query sums
 * rows or counts distinct members with {@code minute >= window start}; the windows that reach before the horizon are
 * only {@code all}, whose buckets are whole UTC days, so every figure stays exactly the same.
 *
 * <p>Raw events older than the raw horizon are then deleted from the raw store; the raw horizon is committed first, so
 * {@code rebuild} refuses from then on even if the deletion fails half-way. {@code seen_events}, {@code requests},
 * {@code job_pairs} and the all-time tables are kept: dedup and late-result attribution need them.
 *
 * <p>Idempotent (a second run with the same {@code now} changes nothing) and safe on several processors: the run takes
 * {@code pg_try_advisory_xact_lock} and skips when another run holds it, then waits for the rollup writers' lock so a
 * batch commit never interleaves with the fold.
 */
public final class Retention {

  /** Advisory lock key held by a running retention (transaction-scoped). */
  public static final long RETENTION_LOCK = 0x44564d52L;
  private static final long DAY = 86_400;

  /** {@code minute} rounded down to its UTC day's first minute (also for negative minutes). */
  private static final String DAY_OF = "(minute - mod(mod(minute, 1440) + 1440, 1440))";
  private static final String FINE_AND_OLD = "minute < $1 AND mod(mod(minute, 1440) + 1440, 1440) <> 0";

  private static final String FOLD_COUNTS = """
      WITH gone AS (DELETE FROM minute_counts WHERE %2$s RETURNING *),
      ins AS (
        INSERT INTO minute_counts AS m (minute, kind, dvm, requests, results, feedback, errors, zapped_sats)
        SELECT %1$s, kind, dvm, sum(requests), sum(results), sum(feedback), sum(errors), sum(zapped_sats)
        FROM gone GROUP BY 1, 2, 3
        ON CONFLICT (minute, kind, dvm) DO UPDATE SET requests = m.requests + excluded.requests,
          results = m.results + excluded.results, feedback = m.feedback + excluded.feedback,
          errors = m.errors + excluded.errors, zapped_sats = m.zapped_sats + excluded.zapped_sats
        RETURNING 1)
      SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM ins)""".formatted(DAY_OF, FINE_AND_OLD);
  private static final String FOLD_MEMBERS = """
      WITH gone AS (DELETE FROM %3$s WHERE %2$s RETURNING minute, kind, %4$s),
      ins AS (
        INSERT INTO %3$s (minute, kind, %4$s) SELECT DISTINCT %1$s, kind, %4$s FROM gone
        ON CONFLICT DO NOTHING RETURNING 1)
      SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM ins)""";
  private static final String FOLD_UNRESOLVED =
      "UPDATE unresolved_feedback SET minute = " + DAY_OF + " WHERE " + FINE_AND_OLD;
  private static final String RECORD = """
      UPDATE retention_state SET
        minute_horizon = CASE WHEN $1::bigint IS NULL THEN minute_horizon
                              ELSE greatest(coalesce(minute_horizon, $1), $1) END,
        raw_horizon = CASE WHEN $2::bigint IS NULL THEN raw_horizon
                           ELSE greatest(coalesce(raw_horizon, $2), $2) END,
        last_run_at = now()
      WHERE id = 1""";

  /**
   * What a run did. {@code skipped} when another run held the lock. Horizons are unix seconds (null = that part is
   * off); row counts are fine rows removed and day rows written (inserted or added to).
   */
  public record Result(boolean skipped, Long minuteHorizon, long countRowsFolded, long countDayRows,
                       long userRowsFolded, long userDayRows, long dvmRowsFolded, long dvmDayRows,
                       long unresolvedMoved, Long rawHorizon, long rawDeleted) {

    static Result skippedRun() {
      return new Result(true, null, 0, 0, 0, 0, 0, 0, 0, null, 0);
    }

    Result withRawDeleted(long n) {
      return new Result(skipped, minuteHorizon, countRowsFolded, countDayRows, userRowsFolded, userDayRows,
          dvmRowsFolded, dvmDayRows, unresolvedMoved, rawHorizon, n);
    }

    /** True when the run removed or rewrote nothing. */
    public boolean changedNothing() {
      return countRowsFolded + userRowsFolded + dvmRowsFolded + unresolvedMoved + rawDeleted == 0;
    }

    public JsonObject toJson() {
      return new JsonObject().put("skipped", skipped).put("minute_horizon", minuteHorizon)
          .put("minute_counts_folded", countRowsFolded).put("minute_counts_day_rows", countDayRows)
          .put("kind_users_folded", userRowsFolded).put("kind_users_day_rows", userDayRows)
          .put("kind_dvms_folded", dvmRowsFolded).put("kind_dvms_day_rows", dvmDayRows)
          .put("unresolved_feedback_moved", unresolvedMoved).put("raw_horizon", rawHorizon)
          .put("raw_events_deleted", rawDeleted);
    }
  }

  private final Pool pg;
  private final RawEventStore raw;
  private final RetentionConfig config;
  private final Supplier<Future<Void>> afterRawDelete;

  /** {@code afterRawDelete} runs after the raw deletion (a durability hook, like the processor's after raw writes). */
  public Retention(Pool pg, RawEventStore raw, RetentionConfig config, Supplier<Future<Void>> afterRawDelete) {
    this.pg = pg;
    this.raw = raw;
    this.config = config;
    this.afterRawDelete = afterRawDelete;
  }

  /** First second kept at minute precision: {@code now − minuteDays} rounded down to a UTC day; null when off. */
  public static Long minuteHorizon(long nowSeconds, int minuteDays) {
    return minuteDays == 0 ? null : Math.floorDiv(nowSeconds - minuteDays * DAY, DAY) * DAY;
  }

  /** Raw events with {@code created_at} below this are deleted: {@code now − rawDays}; null when off. */
  public static Long rawHorizon(long nowSeconds, int rawDays) {
    return rawDays == 0 ? null : nowSeconds - rawDays * DAY;
  }

  /** One run with {@code nowSeconds} as the current time. */
  public Future<Result> run(long nowSeconds) {
    Long minuteHorizon = minuteHorizon(nowSeconds, config.minuteDays());
    Long rawHorizon = rawHorizon(nowSeconds, config.rawDays());
    return pg.withTransaction(conn -> conn.query("SELECT pg_try_advisory_xact_lock(" + RETENTION_LOCK + ")").execute()
        .compose(rows -> Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))
            ? fold(conn, minuteHorizon, rawHorizon)
            : Future.succeededFuture(Result.skippedRun())))
        .compose(result -> result.skipped() || rawHorizon == null
            ? Future.succeededFuture(result)
            : deleteRaw(rawHorizon).map(result::withRawDeleted));
  }

  private Future<Result> fold(SqlConnection conn, Long minuteHorizon, Long rawHorizon) {
    Future<Void> locked = conn.query("SELECT pg_advisory_xact_lock(" + RollupRepository.ROLLUP_LOCK + ")").execute()
        .mapEmpty();
    if (minuteHorizon == null) {
      return locked.compose(v -> record(conn, null, rawHorizon))
          .map(v -> new Result(false, null, 0, 0, 0, 0, 0, 0, 0, rawHorizon, 0));
    }
    Tuple h = Tuple.of(minuteHorizon / 60);
    long[] n = new long[7];
    return locked
        .compose(v -> conn.preparedQuery(FOLD_COUNTS).execute(h)).map(rows -> pair(rows.iterator().next(), n, 0))
        .compose(v -> conn.preparedQuery(FOLD_MEMBERS.formatted(DAY_OF, FINE_AND_OLD, "kind_users", "pubkey"))
            .execute(h)).map(rows -> pair(rows.iterator().next(), n, 2))
        .compose(v -> conn.preparedQuery(FOLD_MEMBERS.formatted(DAY_OF, FINE_AND_OLD, "kind_dvms", "dvm"))
            .execute(h)).map(rows -> pair(rows.iterator().next(), n, 4))
        .compose(v -> conn.preparedQuery(FOLD_UNRESOLVED).execute(h)).map(rows -> n[6] = rows.rowCount())
        .compose(v -> record(conn, minuteHorizon, rawHorizon))
        .map(v -> new Result(false, minuteHorizon, n[0], n[1], n[2], n[3], n[4], n[5], n[6], rawHorizon, 0));
  }

  private static Void pair(Row r, long[] into, int at) {
    into[at] = r.getLong(0);
    into[at + 1] = r.getLong(1);
    return null;
  }

  private static Future<Void> record(SqlConnection conn, Long minuteHorizon, Long rawHorizon) {
    return conn.preparedQuery(RECORD).execute(Tuple.of(minuteHorizon, rawHorizon)).mapEmpty();
  }

  private Future<Long> deleteRaw(long rawHorizon) {
    return raw.deleteOlderThan(rawHorizon).compose(n -> afterRawDelete.get().map(v -> n));
  }

  /** The recorded raw horizon (unix seconds), or null when raw events were never deleted. */
  public static Future<Long> recordedRawHorizon(Pool pg) {
    return pg.query("SELECT to_regclass('retention_state') IS NOT NULL").execute().compose(rows ->
        Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))
            ? pg.query("SELECT raw_horizon FROM retention_state WHERE id = 1").execute()
                .map(r -> r.size() == 0 ? null : r.iterator().next().getLong(0))
            : Future.succeededFuture(null));
  }
}

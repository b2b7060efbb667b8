package dvmdash.store;

import dvmdash.shared.config.RetentionConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One retention run (docs/maintenance.md). In ONE PostgreSQL transaction: per-minute rows of {@code minute_counts},
 * {@code kind_users} and {@code kind_dvms}, and per-hour rows of the hour tier ({@link #HOUR_TABLES}), older than the
 * minute horizon (a UTC day boundary) are deleted, so is old health evidence ({@link HealthRetention}), and the
 * horizons are recorded in {@code retention_state}. The day
 * tier and the all-time totals hold the same counters and memberships, so no figure changes: a window reads minute
 * rows only from its start to the next hour and hour rows only up to the next day ({@link Tiers}), and the horizon is
 * at least 31 days back while the longest windowed range is 30 days.
 *
 * <p>Raw events older than the raw horizon are then deleted from the raw store; the raw horizon is committed first, so
 * {@code rebuild} refuses from then on even if the deletion fails half-way. {@code seen_events}, {@code requests},
 * {@code job_pairs}, the hour and day tiers and the all-time tables are kept: dedup, late-result attribution and the
 * figures need them.
 *
 * <p>Idempotent (a second run with the same {@code now} changes nothing) and safe on several processors: the run takes
 * {@code pg_try_advisory_xact_lock} and skips when another run holds it, then waits for the rollup writers' lock so a
 * batch commit never interleaves with the deletion.
 */
public final class Retention {

  /** Advisory lock key held by a running retention (transaction-scoped). */
  public static final long RETENTION_LOCK = 0x44564d52L;
  private static final long DAY = 86_400;

  private static final String DELETE_OLD = "DELETE FROM %s WHERE minute < $1";
  /** The hour tier: read by windows only between a window's first full hour and its first full day. */
  public static final List<String> HOUR_TABLES = List.of("hour_counts", "hour_kind_users", "hour_kind_dvms",
      "pair_hour", "pair_rt_hour", "pair_customers_hour");
  /** Every table a run deletes rows from: the minute tier and the hour tier. */
  public static final List<String> TIER_TABLES = Stream.concat(
      Stream.of("minute_counts", "kind_users", "kind_dvms"), HOUR_TABLES.stream()).toList();
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
   * off); row counts are the per-minute rows deleted by table, and the per-hour rows deleted from all hour tables.
   */
  public record Result(boolean skipped, Long minuteHorizon, long countRowsDeleted, long userRowsDeleted,
                       long dvmRowsDeleted, long hourRowsDeleted, long healthRowsDeleted, Long rawHorizon,
                       long rawDeleted) {

    static Result skippedRun() {
      return new Result(true, null, 0, 0, 0, 0, 0, null, 0);
    }

    Result withRawDeleted(long n) {
      return new Result(skipped, minuteHorizon, countRowsDeleted, userRowsDeleted, dvmRowsDeleted, hourRowsDeleted,
          healthRowsDeleted, rawHorizon, n);
    }

    /** True when the run removed nothing. */
    public boolean changedNothing() {
      return countRowsDeleted + userRowsDeleted + dvmRowsDeleted + hourRowsDeleted + healthRowsDeleted
          + rawDeleted == 0;
    }

    public JsonObject toJson() {
      return new JsonObject().put("skipped", skipped).put("minute_horizon", minuteHorizon)
          .put("minute_counts_deleted", countRowsDeleted).put("kind_users_deleted", userRowsDeleted)
          .put("kind_dvms_deleted", dvmRowsDeleted).put("hour_rows_deleted", hourRowsDeleted)
          .put("health_rows_deleted", healthRowsDeleted)
          .put("raw_horizon", rawHorizon).put("raw_events_deleted", rawDeleted);
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
            ? prune(conn, minuteHorizon, rawHorizon)
            : Future.succeededFuture(Result.skippedRun())))
        .compose(result -> result.skipped() || rawHorizon == null
            ? Future.succeededFuture(result)
            : deleteRaw(rawHorizon).map(result::withRawDeleted));
  }

  private Future<Result> prune(SqlConnection conn, Long minuteHorizon, Long rawHorizon) {
    Future<Void> locked = conn.query("SELECT pg_advisory_xact_lock(" + RollupRepository.ROLLUP_LOCK + ")").execute()
        .mapEmpty();
    if (minuteHorizon == null) {
      return locked.compose(v -> record(conn, null, rawHorizon))
          .map(v -> new Result(false, null, 0, 0, 0, 0, 0, rawHorizon, 0));
    }
    Tuple h = Tuple.of(minuteHorizon / 60);
    long[] n = new long[5];
    Future<?> f = locked
        .compose(v -> conn.preparedQuery(DELETE_OLD.formatted("minute_counts")).execute(h))
        .map(rows -> n[0] = rows.rowCount())
        .compose(v -> conn.preparedQuery(DELETE_OLD.formatted("kind_users")).execute(h))
        .map(rows -> n[1] = rows.rowCount())
        .compose(v -> conn.preparedQuery(DELETE_OLD.formatted("kind_dvms")).execute(h))
        .map(rows -> n[2] = rows.rowCount());
    for (String table : HOUR_TABLES) {
      f = f.compose(v -> conn.preparedQuery(DELETE_OLD.formatted(table)).execute(h)).map(rows -> n[3] += rows.rowCount());
    }
    return f.compose(v -> HealthRetention.prune(conn, minuteHorizon)).map(deleted -> n[4] = deleted)
        .compose(v -> record(conn, minuteHorizon, rawHorizon))
        .map(v -> new Result(false, minuteHorizon, n[0], n[1], n[2], n[3], n[4], rawHorizon, 0));
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

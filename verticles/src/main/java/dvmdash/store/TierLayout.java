package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Keeps the rows of one bucket together on disk, so that a window reads pages in proportion to its length and not to
 * the stored history (docs/performance.md, "Rows of a bucket together"). The tier tables are keyed by the first
 * minute of their bucket; batches update the rows of the current buckets in place, and PostgreSQL puts a row's new
 * version on the same page only when the page has room (schema version 18 leaves 20 % of each page of the updated
 * tables free). A bulk load ({@code import}, {@code backfill}, {@code rebuild}) ends with {@link #cluster}, which
 * rewrites each table in the order of its primary key (bucket first), with full pages (the buckets a bulk load wrote
 * are past: no batch updates them again, so the free fifth would stay empty for good; pages written afterwards get the
 * table's fill factor again), then marks the pages all-visible.
 */
public final class TierLayout {

  /** Every table keyed by (bucket minute, …), in the order they are rewritten. */
  public static final List<String> TABLES = List.of(
      "minute_counts", "kind_users", "kind_dvms",
      "hour_counts", "hour_kind_users", "hour_kind_dvms", "pair_hour", "pair_rt_hour", "pair_customers_hour",
      "day_counts", "day_kind_users", "day_kind_dvms", "pair_day", "pair_rt_day", "pair_customers_day",
      "day_users", "day_dvms", "series_day", "day_kind_user_counts", "kind_rt_day");

  private TierLayout() {
  }

  /** Rewrites every tier table in primary-key order and refreshes its visibility map and planner statistics. */
  public static Future<Void> cluster(Pool pool) {
    Future<Void> chain = Future.succeededFuture();
    for (String table : TABLES) {
      chain = chain.compose(v -> pool.query("SELECT coalesce((SELECT option_value FROM pg_options_to_table(reloptions)"
              + " WHERE option_name = 'fillfactor'), '100') FROM pg_class WHERE oid = '" + table + "'::regclass")
          .execute())
          .compose(rows -> {
            int fillfactor = Integer.parseInt(rows.iterator().next().getString(0));
            return pool.withTransaction(tx -> tx.query("ALTER TABLE " + table + " SET (fillfactor = 100)").execute()
                .compose(r -> tx.query("CLUSTER " + table + " USING " + table + "_pkey").execute())
                .compose(r -> tx.query("ALTER TABLE " + table + " SET (fillfactor = " + fillfactor + ")").execute()))
                .mapEmpty();
          });
    }
    return chain.compose(v -> pool.query("VACUUM (ANALYZE) " + String.join(", ", TABLES)).execute()).mapEmpty();
  }
}

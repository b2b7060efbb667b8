package dvmdash.store;

/**
 * The FROM-clause sources of the read queries (docs/metrics.md, "How each figure is stored and read"). Windowed, a
 * source is the UNION ALL of minute rows, hour rows and day rows over the ranges of a {@link Tiers.Split} given as
 * three query parameters from {@code firstParam} on; for pair figures the minute part reads {@code job_pairs}
 * itself (at most the hour before the first hour row). All-time ({@link #totals()}), a source is the totals table.
 * Every source yields {@code t} (seconds: the start of the row's bucket, or the pair time; 0 for totals), then its
 * columns; filters on kind or dvm applied outside are pushed into each branch by PostgreSQL.
 */
final class TierSources {

  private static final String PAIR_KIND = "coalesce(kind, 0) AS kind";
  private static final String RT_OK = "first_result_at >= request_at";

  private final boolean totals;
  private final boolean withDays;
  private final String minuteFrom;
  private final String hourFrom;
  private final String dayFrom;

  private TierSources(boolean totals, boolean withDays, int firstParam) {
    this.totals = totals;
    this.withDays = withDays;
    this.minuteFrom = "$" + firstParam + "::bigint";
    this.hourFrom = "$" + (firstParam + 1) + "::bigint";
    this.dayFrom = "$" + (firstParam + 2) + "::bigint";
  }

  /** Tiered sources whose split bounds are parameters firstParam, firstParam + 1, firstParam + 2. */
  static TierSources windowed(int firstParam) {
    return new TierSources(false, true, firstParam);
  }

  /** As {@link #windowed}, without the day rows (the caller reads the days elsewhere, from dayFrom on). */
  static TierSources beforeDays(int firstParam) {
    return new TierSources(false, false, firstParam);
  }

  /** The parameter holding the window's first minute. */
  String minuteFrom() {
    return minuteFrom;
  }

  /** The parameter holding the first minute read from day rows. */
  String dayFrom() {
    return dayFrom;
  }

  /** All-time sources: the totals tables (no parameters). */
  static TierSources totals() {
    return new TierSources(true, false, 1);
  }

  boolean isTotals() {
    return totals;
  }

  /** t, kind, dvm, requests, results, feedback, errors, zapped_sats. */
  String counts() {
    String cols = "kind, dvm, requests, results, feedback, errors, zapped_sats";
    return totals ? "(SELECT 0::bigint AS t, " + cols + " FROM total_counts)"
        : tiered(cols, "minute_counts", "hour_counts", "day_counts", "");
  }

  /** t, kind, pubkey: authors of requests. Windowed only (all time: global_totals). */
  String kindUsers() {
    if (totals) {
      throw new IllegalStateException("no all-time kind_users: unique users all time come from global_totals");
    }
    return tiered("kind, pubkey", "kind_users", "hour_kind_users", "day_kind_users", "");
  }

  /** t, kind, dvm: authors of results and feedback, by the kind they were counted for. */
  String kindDvms() {
    return totals ? "(SELECT 0::bigint AS t, kind, dvm FROM total_kind_dvms)"
        : tiered("kind, dvm", "kind_dvms", "hour_kind_dvms", "day_kind_dvms", "");
  }

  /** t, kind (0 = none), dvm, pairs, sats, rt_n, rt_sum, skew, taken, delivered: job pairs by pair time. */
  String pairs() {
    String cols = "kind, dvm, pairs, sats, rt_n, rt_sum, skew, taken, delivered";
    if (totals) {
      return "(SELECT 0::bigint AS t, " + cols + " FROM pair_total)";
    }
    String head = "SELECT pair_time AS t, " + PAIR_KIND + ", dvm, 1::bigint AS pairs,"
        + " CASE WHEN results > 0 THEN coalesce(amount_msat / 1000, 0) ELSE 0 END AS sats,"
        + " CASE WHEN " + RT_OK + " THEN 1 ELSE 0 END AS rt_n,"
        + " CASE WHEN " + RT_OK + " THEN first_result_at - request_at ELSE 0 END AS rt_sum,"
        + " CASE WHEN first_result_at < request_at THEN 1 ELSE 0 END AS skew,"
        + " CASE WHEN results > 0 OR feedback > 0 THEN 1 ELSE 0 END AS taken,"
        + " CASE WHEN results > 0 THEN 1 ELSE 0 END AS delivered"
        + " FROM job_pairs WHERE " + pairHead();
    return pairTiered(head, cols, "pair_hour", "pair_day", "");
  }

  /** t, kind (0 = none), dvm, rt, n: pairs per non-negative whole-second response time. */
  String responseTimes() {
    String cols = "kind, dvm, rt, n";
    if (totals) {
      return "(SELECT 0::bigint AS t, " + cols + " FROM pair_rt_total WHERE n > 0)";
    }
    String head = "SELECT pair_time AS t, " + PAIR_KIND + ", dvm, first_result_at - request_at AS rt, 1::bigint AS n"
        + " FROM job_pairs WHERE " + pairHead() + " AND " + RT_OK;
    return pairTiered(head, cols, "pair_rt_hour", "pair_rt_day", " AND n > 0");
  }

  /**
   * t, kind (0 = none), rt, n: as {@link #responseTimes} without the DVM, its day rows from {@code kind_rt_day} (one row
   * per kind and value, not per DVM as well). Windowed only (all time: {@code kind_rt_total}).
   */
  String kindResponseTimes() {
    if (totals) {
      throw new IllegalStateException("all-time percentiles per kind are kept in kind_rt_total");
    }
    String head = "SELECT pair_time AS t, " + PAIR_KIND + ", first_result_at - request_at AS rt, 1::bigint AS n"
        + " FROM job_pairs WHERE " + pairHead() + " AND " + RT_OK;
    String hours = "SELECT minute * 60 AS t, kind, rt, n FROM pair_rt_hour WHERE minute >= " + hourFrom
        + " AND minute < " + dayFrom + " AND n > 0";
    String days = "SELECT minute * 60 AS t, kind, rt, n FROM kind_rt_day WHERE minute >= " + dayFrom + " AND n > 0";
    return "(" + head + " UNION ALL " + hours + (withDays ? " UNION ALL " + days : "") + ")";
  }

  /** t, kind, dvm, customer: authors of the seen requests of pairs. Windowed only. */
  String customers() {
    if (totals) {
      throw new IllegalStateException("no all-time customer sets");
    }
    String head = "SELECT pair_time AS t, " + PAIR_KIND + ", dvm, customer FROM job_pairs WHERE " + pairHead()
        + " AND customer IS NOT NULL";
    return pairTiered(head, "kind, dvm, customer", "pair_customers_hour", "pair_customers_day", " AND n > 0");
  }

  private String pairHead() {
    return "pair_time >= " + minuteFrom + " * 60 AND pair_time < " + hourFrom + " * 60";
  }

  private String tiered(String cols, String minuteTable, String hourTable, String dayTable, String filter) {
    return "(SELECT minute * 60 AS t, " + cols + " FROM " + minuteTable + " WHERE minute >= " + minuteFrom
        + " AND minute < " + hourFrom + filter
        + " UNION ALL " + hourAndDay(cols, hourTable, dayTable, filter) + ")";
  }

  private String pairTiered(String head, String cols, String hourTable, String dayTable, String filter) {
    return "(" + head + " UNION ALL " + hourAndDay(cols, hourTable, dayTable, filter) + ")";
  }

  private String hourAndDay(String cols, String hourTable, String dayTable, String filter) {
    String hours = "SELECT minute * 60 AS t, " + cols + " FROM " + hourTable + " WHERE minute >= " + hourFrom
        + " AND minute < " + dayFrom + filter;
    return !withDays ? hours
        : hours + " UNION ALL SELECT minute * 60 AS t, " + cols + " FROM " + dayTable + " WHERE minute >= " + dayFrom
            + filter;
  }
}

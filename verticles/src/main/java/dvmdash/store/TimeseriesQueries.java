package dvmdash.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queries behind one time series (global, per kind, per DVM or both) and the assembly of their rows into
 * zero-filled points. Each part yields rows (bucket start, value) for one field. The sources are the tiers no coarser
 * than the bucket ({@link Tiers#coarsestFor}), so every row falls in one bucket; {@code all} reads day rows.
 */
final class TimeseriesQueries {

  /** One SQL query filling fields of the points: its columns after the bucket start, in this order. */
  record Part(List<String> fields, String sql, Tuple params) {

    Part(String field, String sql, Tuple params) {
      this(List.of(field), sql, params);
    }
  }

  /**
   * Most points one answer holds (about 5.5 years of days): a longer {@code all} series keeps its newest buckets and
   * says {@code truncated}. Distinct users and DVMs cannot be summed across buckets, so buckets are never widened.
   */
  static final int MAX_POINTS = 2000;

  /** Points of one answer; {@code truncated} when older buckets were left out to stay within {@link #MAX_POINTS}. */
  record Series(JsonArray points, boolean truncated) {
  }

  static final String[] FIELDS = {"job_requests", "job_results", "job_feedback", "errors", "unique_users",
      "unique_dvms", "sats"};
  /** Fields that are null, not 0, in a bucket without data (no non-negative response time). */
  static final String[] NULLABLE_FIELDS = {"p50_response_seconds", "p95_response_seconds"};

  private final Window w;
  private final Integer kind;
  private final String dvm;
  private final List<Part> parts = new ArrayList<>();

  TimeseriesQueries(Window w, Integer kind, String dvm) {
    this.w = w;
    this.kind = kind;
    this.dvm = dvm;
    long bs = w.bucketSeconds();
    Tiers.Split split = Tiers.split(w.startMinute(), Tiers.coarsestFor(bs));
    String bucket = "(t / " + bs + ") * " + bs;
    if (!percentilesPerDay()) {
      percentiles(bucket, split);
    }
    if (kind == null && dvm == null && Tiers.coarsestFor(bs) == Tiers.Tier.DAY) {
      daily(bucket, split);
      return;
    }
    if (dvm == null) {
      add("job_requests", "SELECT " + bucket + ", sum(requests)::bigint FROM {counts}", split, true);
    } else {
      add("job_requests", "SELECT " + bucket + ", sum(pairs)::bigint FROM {pairs}", split, true);
    }
    add("job_results", "SELECT " + bucket + ", sum(results)::bigint FROM {counts}", split, true);
    add("job_feedback", "SELECT " + bucket + ", sum(feedback)::bigint FROM {counts}", split, true);
    add("errors", "SELECT " + bucket + ", sum(errors)::bigint FROM {counts}", split, true);
    if (dvm == null && Tiers.coarsestFor(bs) == Tiers.Tier.DAY) {
      kindUsersDaily(bucket, split);
    } else if (dvm == null) {
      add("unique_users", "SELECT " + bucket + ", count(DISTINCT pubkey) FROM {kind_users}", split, false);
    } else {
      add("unique_users", "SELECT " + bucket + ", count(DISTINCT customer) FROM {customers}", split, true);
    }
    add("unique_dvms", "SELECT " + bucket + ", count(DISTINCT dvm) FROM {kind_dvms}", split, true);
    add("sats", "SELECT " + bucket + ", sum(sats)::bigint FROM {pairs}", split, true);
  }

  /**
   * The unfiltered daily series: the first, partial day from minute and hour rows, every later day from its
   * series_day row (its figures, with users and DVMs already distinct within the day). The two never share a bucket.
   */
  private void daily(String bucket, Tiers.Split split) {
    String[][] fields = {
        {"job_requests", "sum(requests)::bigint", "{counts}", "requests"},
        {"job_results", "sum(results)::bigint", "{counts}", "results"},
        {"job_feedback", "sum(feedback)::bigint", "{counts}", "feedback"},
        {"errors", "sum(errors)::bigint", "{counts}", "errors"},
        {"unique_users", "count(DISTINCT pubkey)", "{kind_users}", "users"},
        {"unique_dvms", "count(DISTINCT dvm)", "{kind_dvms}", "dvms"},
        {"sats", "sum(sats)::bigint", "{pairs}", "sats"}};
    TierSources src = TierSources.beforeDays(1);
    for (String[] f : fields) {
      String sql = "SELECT " + bucket + ", " + f[1] + " FROM " + f[2] + " x GROUP BY 1 UNION ALL SELECT minute * 60, "
          + f[3] + " FROM series_day WHERE minute >= " + src.dayFrom();
      sql = sql.replace("{counts}", src.counts()).replace("{kind_users}", src.kindUsers())
          .replace("{kind_dvms}", src.kindDvms()).replace("{pairs}", src.pairs());
      parts.add(new Part(f[0], sql, Tuple.wrap(List.of(split.params()))));
    }
  }

  /**
   * Distinct requesters of one kind per day: the first, partial day from minute and hour rows, every later day from
   * its day_kind_user_counts row (the day's distinct requesters of the kind, counted as they were first seen).
   */
  private void kindUsersDaily(String bucket, Tiers.Split split) {
    TierSources src = TierSources.beforeDays(2);
    String sql = "SELECT " + bucket + ", count(DISTINCT pubkey) FROM " + src.kindUsers() + " x WHERE kind = $1"
        + " GROUP BY 1 UNION ALL SELECT minute * 60, users FROM day_kind_user_counts WHERE kind = $1 AND minute >= "
        + src.dayFrom();
    List<Object> params = new ArrayList<>();
    params.add(kind);
    params.addAll(List.of(split.params()));
    parts.add(new Part("unique_users", sql, Tuple.wrap(params)));
  }

  /**
   * Nearest-rank p50 and p95 response time per bucket (docs/metrics.md): the response-time histogram rows of the
   * window's tiers (job_pairs for the minutes before the first hour row, pair_rt_hour, pair_rt_day; counts per whole
   * second) are first summed per (bucket, value), so the window functions sort at most buckets × distinct values rows
   * (a 30d series: 31 × the distinct whole-second response times, whatever the number of pairs, kinds and DVMs).
   */
  private void percentiles(String bucket, Tiers.Split split) {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (kind != null) {
      params.add(kind);
      where.add("kind = $" + params.size());
    }
    if (dvm != null) {
      params.add(dvm);
      where.add("dvm = $" + params.size());
    }
    TierSources src = TierSources.windowed(params.size() + 1);
    params.addAll(List.of(split.params()));
    // without a DVM filter the histograms per kind do (kind_rt_day: no row per DVM as well)
    String histogram = "SELECT " + bucket + " AS b, rt, sum(n) AS n FROM "
        + (dvm == null ? src.kindResponseTimes() : src.responseTimes()) + " x"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " GROUP BY 1, 2";
    String sql = "SELECT b, min(rt) FILTER (WHERE cum * 100 >= 50 * total),"
        + " min(rt) FILTER (WHERE cum * 100 >= 95 * total)"
        + " FROM (SELECT b, rt, sum(n) OVER (PARTITION BY b ORDER BY rt) AS cum, sum(n) OVER (PARTITION BY b) AS total"
        + " FROM (" + histogram + ") h) c GROUP BY b";
    parts.add(new Part(List.of(NULLABLE_FIELDS), sql, Tuple.wrap(params)));
  }

  /** One part: the source's own parameters (kind, dvm) first, then the split's bounds. */
  private void add(String field, String select, Tiers.Split split, boolean dvmColumn) {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (kind != null) {
      params.add(kind);
      where.add("kind = $" + params.size());
    }
    if (dvm != null && dvmColumn) {
      params.add(dvm);
      where.add("dvm = $" + params.size());
    }
    TierSources src = TierSources.windowed(params.size() + 1);
    params.addAll(List.of(split.params()));
    String sql = select.replace("{counts}", src.counts()).replace("{pairs}", src.pairs())
        .replace("{kind_dvms}", src.kindDvms()).replace("{kind_users}", src.kindUsers())
        .replace("{customers}", src.customers())
        + " x" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " GROUP BY 1";
    parts.add(new Part(field, sql, Tuple.wrap(params)));
  }

  List<Part> parts() {
    return parts;
  }

  /**
   * Whether the percentiles are not a part but come from the window's kept day histograms
   * ({@link DayHistograms.WindowCells#perDay}): a windowed series of daily buckets (30d; {@code all} reads every day
   * of history, more than are kept).
   */
  boolean percentilesPerDay() {
    return !w.isAll() && Tiers.coarsestFor(w.bucketSeconds()) == Tiers.Tier.DAY;
  }

  /** The split of the window's tiers that the parts read. */
  Tiers.Split split() {
    return Tiers.split(w.startMinute(), Tiers.coarsestFor(w.bucketSeconds()));
  }

  /** As {@link #assemble(List)}, with the percentiles per bucket start given (when {@link #percentilesPerDay}). */
  Series assemble(List<RowSet<Row>> results, Map<Long, RtPercentiles.Pair> percentiles) {
    TreeMap<Long, JsonObject> points = points(results);
    percentiles.forEach((t, p) -> point(points, t).put(NULLABLE_FIELDS[0], p.p50()).put(NULLABLE_FIELDS[1], p.p95()));
    return fill(w, points);
  }

  /** Zero-filled points from the window's first bucket (for all: the first with data) to the bucket of now. */
  Series assemble(List<RowSet<Row>> results) {
    return fill(w, points(results));
  }

  private TreeMap<Long, JsonObject> points(List<RowSet<Row>> results) {
    TreeMap<Long, JsonObject> points = new TreeMap<>();
    for (int i = 0; i < parts.size(); i++) {
      List<String> fields = parts.get(i).fields();
      for (Row r : results.get(i)) {
        Long t = r.getLong(0);
        for (int c = 0; c < fields.size(); c++) {
          Long value = r.getLong(c + 1);
          // a count of 0 adds nothing; a percentile of 0 s is a value
          if (value != null && (value != 0 || nullable(fields.get(c)))) {
            point(points, t).put(fields.get(c), value);
          }
        }
      }
    }
    return points;
  }

  /**
   * The zero-filled series of {@code points} (keyed by bucket start) over the window, at most {@link #MAX_POINTS}
   * buckets ending with the bucket of now (or the newest with data).
   */
  static Series fill(Window w, TreeMap<Long, JsonObject> points) {
    long last = w.bucketOf(w.now());
    if (!points.isEmpty()) {
      last = Math.max(last, points.lastKey());
    }
    Long first = w.isAll() ? (points.isEmpty() ? null : points.firstKey()) : Long.valueOf(w.bucketOf(w.start()));
    JsonArray out = new JsonArray();
    if (first == null) {
      return new Series(out, false);
    }
    long oldestKept = last - (MAX_POINTS - 1) * w.bucketSeconds();
    boolean truncated = first < oldestKept;
    for (long t = truncated ? oldestKept : first; t <= last; t += w.bucketSeconds()) {
      out.add(point(points, t));
    }
    return new Series(out, truncated);
  }

  private static JsonObject point(TreeMap<Long, JsonObject> points, long t) {
    return points.computeIfAbsent(t, k -> {
      JsonObject p = new JsonObject().put("t", k);
      for (String f : FIELDS) {
        p.put(f, 0L);
      }
      for (String f : NULLABLE_FIELDS) {
        p.putNull(f);
      }
      return p;
    });
  }

  private static boolean nullable(String field) {
    return field.equals(NULLABLE_FIELDS[0]) || field.equals(NULLABLE_FIELDS[1]);
  }
}

package dvmdash.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The queries behind one time series (global, per kind, per DVM or both) and the assembly of their rows into
 * zero-filled points. Each part yields rows (bucket start, value) for one field.
 */
final class TimeseriesQueries {

  /** One SQL query filling one field of the points. */
  record Part(String field, String sql, Tuple params) {
  }

  static final String[] FIELDS = {"job_requests", "job_results", "job_feedback", "unique_users", "unique_dvms",
      "sats"};

  private final Window w;
  private final Integer kind;
  private final String dvm;
  private final List<Part> parts = new ArrayList<>();

  TimeseriesQueries(Window w, Integer kind, String dvm) {
    this.w = w;
    this.kind = kind;
    this.dvm = dvm;
    long bs = w.bucketSeconds();
    String minuteBucket = "(minute * 60 / " + bs + ") * " + bs;
    String pairBucket = "(pair_time / " + bs + ") * " + bs;
    if (dvm == null) {
      add("job_requests", "SELECT " + minuteBucket + ", sum(requests)::bigint FROM minute_counts", true, false);
    } else {
      add("job_requests", "SELECT " + pairBucket + ", count(*) FROM job_pairs", false, true);
    }
    add("job_results", "SELECT " + minuteBucket + ", sum(results)::bigint FROM minute_counts", true, true);
    add("job_feedback", "SELECT " + minuteBucket + ", sum(feedback)::bigint FROM minute_counts", true, true);
    if (dvm == null) {
      add("unique_users", "SELECT " + minuteBucket + ", count(DISTINCT pubkey) FROM kind_users", true, false);
    } else {
      add("unique_users", "SELECT " + pairBucket + ", count(DISTINCT customer) FROM job_pairs", false, true);
    }
    add("unique_dvms", "SELECT " + minuteBucket + ", count(DISTINCT dvm) FROM kind_dvms", true, true);
    add("sats", "SELECT " + pairBucket + ", coalesce(sum(amount_msat / 1000) FILTER (WHERE results > 0), 0)::bigint"
        + " FROM job_pairs", false, true);
  }

  private void add(String field, String select, boolean byMinute, boolean dvmColumn) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder(select).append(" WHERE ");
    if (byMinute) {
      params.add(w.startMinute());
      sql.append("minute >= $1");
    } else {
      params.add(w.start());
      sql.append("pair_time >= $1");
    }
    if (kind != null) {
      params.add(kind);
      sql.append(" AND kind = $").append(params.size());
    }
    if (dvm != null && dvmColumn) {
      params.add(dvm);
      sql.append(" AND dvm = $").append(params.size());
    }
    sql.append(" GROUP BY 1");
    parts.add(new Part(field, sql.toString(), Tuple.wrap(params)));
  }

  List<Part> parts() {
    return parts;
  }

  /** Zero-filled points from the window's first bucket (for all: the first with data) to the bucket of now. */
  JsonArray assemble(List<RowSet<Row>> results) {
    TreeMap<Long, JsonObject> points = new TreeMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String field = parts.get(i).field();
      for (Row r : results.get(i)) {
        Long t = r.getLong(0);
        long value = r.getLong(1) == null ? 0 : r.getLong(1);
        if (value != 0) {
          point(points, t).put(field, value);
        }
      }
    }
    long last = w.bucketOf(w.now());
    if (!points.isEmpty()) {
      last = Math.max(last, points.lastKey());
    }
    Long first = w.isAll() ? (points.isEmpty() ? null : points.firstKey()) : Long.valueOf(w.bucketOf(w.start()));
    JsonArray out = new JsonArray();
    if (first == null) {
      return out;
    }
    for (long t = first; t <= last; t += w.bucketSeconds()) {
      out.add(point(points, t));
    }
    return out;
  }

  private static JsonObject point(TreeMap<Long, JsonObject> points, long t) {
    return points.computeIfAbsent(t, k -> {
      JsonObject p = new JsonObject().put("t", k);
      for (String f : FIELDS) {
        p.put(f, 0L);
      }
      return p;
    });
  }
}

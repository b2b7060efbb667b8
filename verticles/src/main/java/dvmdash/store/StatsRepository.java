package dvmdash.store;

import dvmdash.shared.nostr.KindCatalog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read side of the rollups: every figure of docs/metrics.md for a {@link Window}. Queries sum minute buckets and
 * count distinct members of per-minute sets, so their cost follows the window's activity, not the stored history.
 */
public final class StatsRepository {

  /** Sort keys of the DVM list → SQL expression (all descending except name). */
  public static final Map<String, String> DVM_SORTS = Map.of(
      "job_results", "job_results DESC",
      "job_requests", "job_requests DESC",
      "job_feedback", "job_feedback DESC",
      "errors", "errors DESC",
      "sats_earned", "sats_earned DESC",
      "sats_zapped", "sats_zapped DESC",
      "avg_response_seconds", "avg_response_seconds ASC NULLS LAST",
      "last_seen", "last_seen DESC",
      "name", "lower(name) ASC NULLS LAST");

  private static final String RT = "(first_result_at - request_at)";
  private static final String RT_OK = "first_result_at >= request_at";
  private static final String PAIR_SATS = "coalesce(sum(amount_msat / 1000) FILTER (WHERE results > 0), 0)::bigint";

  private static final String GLOBAL = """
      SELECT
        (SELECT coalesce(sum(requests), 0)::bigint FROM minute_counts WHERE minute >= $1),
        (SELECT coalesce(sum(results), 0)::bigint FROM minute_counts WHERE minute >= $1),
        (SELECT coalesce(sum(feedback), 0)::bigint FROM minute_counts WHERE minute >= $1),
        (SELECT count(DISTINCT pubkey) FROM kind_users WHERE minute >= $1),
        (SELECT count(DISTINCT dvm) FROM kind_dvms WHERE minute >= $1),
        (SELECT count(DISTINCT kind) FROM minute_counts WHERE minute >= $1 AND requests > 0),
        (SELECT %s FROM job_pairs WHERE pair_time >= $2),
        (SELECT count(*) FROM job_pairs WHERE pair_time >= $2 AND first_result_at < request_at)"""
      .formatted(PAIR_SATS);
  private static final String TOP_DVM_RESULTS = """
      SELECT m.dvm, sum(m.results)::bigint AS n, pr.name FROM minute_counts m
      LEFT JOIN dvm_profiles pr ON pr.pubkey = m.dvm
      WHERE m.minute >= $1 AND m.dvm <> '' GROUP BY m.dvm, pr.name HAVING sum(m.results) > 0
      ORDER BY n DESC, m.dvm LIMIT 1""";
  private static final String TOP_DVM_SATS = """
      SELECT j.dvm, %s AS n, pr.name FROM job_pairs j LEFT JOIN dvm_profiles pr ON pr.pubkey = j.dvm
      WHERE j.pair_time >= $1 GROUP BY j.dvm, pr.name HAVING %s > 0 ORDER BY n DESC, j.dvm LIMIT 1"""
      .formatted(PAIR_SATS, PAIR_SATS);
  private static final String TOP_KIND_REQUESTS = """
      SELECT kind, sum(requests)::bigint AS n FROM minute_counts WHERE minute >= $1 AND kind BETWEEN 5000 AND 5999
      GROUP BY kind HAVING sum(requests) > 0 ORDER BY n DESC, kind LIMIT 1""";
  private static final String TOP_KIND_SATS = """
      SELECT kind, %s AS n FROM job_pairs WHERE pair_time >= $1 AND kind IS NOT NULL
      GROUP BY kind HAVING %s > 0 ORDER BY n DESC, kind LIMIT 1""".formatted(PAIR_SATS, PAIR_SATS);

  /** DVM rows; {@code %s} is the set of DVMs to report (a subquery yielding column dvm). */
  private static final String DVM_ROWS = """
      WITH base AS (%s),
      c AS (SELECT dvm, sum(results)::bigint AS r, sum(feedback)::bigint AS f, sum(errors)::bigint AS e,
                   sum(zapped_sats)::bigint AS z
            FROM minute_counts WHERE minute >= $1 AND dvm IN (SELECT dvm FROM base) GROUP BY dvm),
      p AS (SELECT dvm, count(*) AS n, %s AS sats,
                   avg(%s) FILTER (WHERE %s)::float8 AS avg_rt,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY %s) FILTER (WHERE %s) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY %s) FILTER (WHERE %s) AS p95
            FROM job_pairs WHERE pair_time >= $2 AND dvm IN (SELECT dvm FROM base) GROUP BY dvm),
      k AS (SELECT dvm, array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM kind_dvms
            WHERE minute >= $1 AND kind <> 0 AND dvm IN (SELECT dvm FROM base) GROUP BY dvm),
      an AS (SELECT pubkey, array_agg(DISTINCT ak ORDER BY ak) AS kinds FROM announcements, unnest(kinds) AS ak
             WHERE pubkey IN (SELECT dvm FROM base) GROUP BY pubkey),
      rows AS (
        SELECT b.dvm AS pubkey, pr.name, pr.picture, pr.about, k.kinds, an.kinds AS announced_kinds,
               coalesce(p.n, 0) AS job_requests, coalesce(c.r, 0) AS job_results, coalesce(c.f, 0) AS job_feedback,
               coalesce(c.e, 0) AS errors, p.avg_rt AS avg_response_seconds, p.p50 AS p50_response_seconds,
               p.p95 AS p95_response_seconds, coalesce(p.sats, 0) AS sats_earned, coalesce(c.z, 0) AS sats_zapped,
               d.first_seen, d.last_seen
        FROM base b JOIN dvms d ON d.pubkey = b.dvm
        LEFT JOIN dvm_profiles pr ON pr.pubkey = b.dvm
        LEFT JOIN c ON c.dvm = b.dvm LEFT JOIN p ON p.dvm = b.dvm
        LEFT JOIN k ON k.dvm = b.dvm LEFT JOIN an ON an.pubkey = b.dvm)
      SELECT * FROM rows"""
      .formatted("%s", PAIR_SATS, RT, RT_OK, RT, RT_OK, RT, RT_OK);
  private static final String ACTIVE_DVMS = "SELECT DISTINCT dvm FROM kind_dvms WHERE minute >= $1";
  private static final String ONE_DVM = "SELECT pubkey AS dvm FROM dvms WHERE pubkey = $3";

  private static final String DVM_BY_KIND = """
      SELECT coalesce(r.kind, p.kind) AS kind, coalesce(r.n, 0) AS job_results, coalesce(p.sats, 0) AS sats_earned,
             p.avg_rt AS avg_response_seconds
      FROM (SELECT kind, sum(results)::bigint AS n FROM minute_counts
            WHERE minute >= $1 AND dvm = $3 AND kind <> 0 GROUP BY kind) r
      FULL JOIN (SELECT kind, %s AS sats, avg(%s) FILTER (WHERE %s)::float8 AS avg_rt FROM job_pairs
                 WHERE pair_time >= $2 AND dvm = $3 AND kind IS NOT NULL GROUP BY kind) p ON p.kind = r.kind
      ORDER BY 1""".formatted(PAIR_SATS, RT, RT_OK);

  private static final String KIND_ROWS = """
      WITH c AS (SELECT kind, sum(requests)::bigint AS rq, sum(results)::bigint AS rs, sum(feedback)::bigint AS fb
                 FROM minute_counts WHERE minute >= $1 AND kind BETWEEN 5000 AND 5999 %s GROUP BY kind
                 HAVING sum(requests) + sum(results) + sum(feedback) > 0),
      d AS (SELECT kind, count(DISTINCT dvm) AS n FROM kind_dvms
            WHERE minute >= $1 AND kind IN (SELECT kind FROM c) GROUP BY kind),
      p AS (SELECT kind, %s AS sats, avg(%s) FILTER (WHERE %s)::float8 AS rt FROM job_pairs
            WHERE pair_time >= $2 AND kind IN (SELECT kind FROM c) GROUP BY kind),
      an AS (SELECT ak AS kind, count(DISTINCT pubkey) AS n FROM announcements, unnest(kinds) AS ak GROUP BY ak)
      SELECT c.kind, c.rq, c.rs, c.fb, coalesce(p.sats, 0), coalesce(d.n, 0), coalesce(an.n, 0), p.rt
      FROM c LEFT JOIN d ON d.kind = c.kind LEFT JOIN p ON p.kind = c.kind LEFT JOIN an ON an.kind = c.kind
      ORDER BY c.rq DESC, c.kind""";
  private static final String KIND_KNOWN = """
      SELECT EXISTS (SELECT 1 FROM minute_counts WHERE kind = $1),
             (SELECT count(DISTINCT pubkey) FROM announcements WHERE $1 = ANY(kinds))""";
  private static final String KIND_DVMS = """
      WITH base AS (SELECT DISTINCT dvm FROM kind_dvms WHERE minute >= $1 AND kind = $3),
      r AS (SELECT dvm, sum(results)::bigint AS n FROM minute_counts WHERE minute >= $1 AND kind = $3 GROUP BY dvm),
      p AS (SELECT dvm, %s AS sats, avg(%s) FILTER (WHERE %s)::float8 AS rt FROM job_pairs
            WHERE pair_time >= $2 AND kind = $3 GROUP BY dvm)
      SELECT b.dvm, pr.name, coalesce(r.n, 0), coalesce(p.sats, 0), p.rt
      FROM base b LEFT JOIN dvm_profiles pr ON pr.pubkey = b.dvm LEFT JOIN r ON r.dvm = b.dvm
      LEFT JOIN p ON p.dvm = b.dvm
      ORDER BY 3 DESC, b.dvm""".formatted(PAIR_SATS, RT, RT_OK);

  private final Pool pool;

  public StatsRepository(Pool pool) {
    this.pool = pool;
  }

  private Tuple window(Window w) {
    return Tuple.of(w.startMinute(), w.start());
  }

  public Future<JsonObject> global(Window w) {
    Tuple t = window(w);
    Future<RowSet<Row>> totals = pool.preparedQuery(GLOBAL).execute(t);
    Tuple byMinute = Tuple.of(w.startMinute());
    Tuple byPairTime = Tuple.of(w.start());
    Future<RowSet<Row>> topDvm = pool.preparedQuery(TOP_DVM_RESULTS).execute(byMinute);
    Future<RowSet<Row>> paidDvm = pool.preparedQuery(TOP_DVM_SATS).execute(byPairTime);
    Future<RowSet<Row>> topKind = pool.preparedQuery(TOP_KIND_REQUESTS).execute(byMinute);
    Future<RowSet<Row>> paidKind = pool.preparedQuery(TOP_KIND_SATS).execute(byPairTime);
    return Future.all(totals, topDvm, paidDvm, topKind, paidKind).map(all -> {
      Row r = totals.result().iterator().next();
      return windowJson(w)
          .put("job_requests", r.getLong(0))
          .put("job_results", r.getLong(1))
          .put("job_feedback", r.getLong(2))
          .put("unique_users", r.getLong(3))
          .put("unique_dvms", r.getLong(4))
          .put("unique_kinds", r.getLong(5))
          .put("total_sats", r.getLong(6))
          .put("clock_skew_anomalies", r.getLong(7))
          .put("most_popular_dvm", topDvm(topDvm.result(), "job_results"))
          .put("most_paid_dvm", topDvm(paidDvm.result(), "sats_earned"))
          .put("most_popular_kind", topKind(topKind.result(), "job_requests"))
          .put("most_paid_kind", topKind(paidKind.result(), "sats_paid"));
    });
  }

  private static JsonObject topDvm(RowSet<Row> rows, String field) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new JsonObject().put("pubkey", r.getString(0)).put("name", r.getString(2)).put(field, r.getLong(1));
  }

  private static JsonObject topKind(RowSet<Row> rows, String field) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    int kind = r.getInteger(0);
    return new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind)).put(field, r.getLong(1));
  }

  /** The DVMs active in the window, sorted and paged, with the total count. */
  public Future<JsonObject> dvms(Window w, String sort, int limit, int offset) {
    String order = DVM_SORTS.get(sort);
    if (order == null) {
      throw new IllegalArgumentException("unknown sort " + sort);
    }
    String sql = DVM_ROWS.formatted(ACTIVE_DVMS) + " ORDER BY " + order + ", pubkey LIMIT " + limit + " OFFSET "
        + offset;
    Future<RowSet<Row>> rows = pool.preparedQuery(sql).execute(window(w));
    Future<RowSet<Row>> total = pool.preparedQuery("SELECT count(DISTINCT dvm) FROM kind_dvms WHERE minute >= $1")
        .execute(Tuple.of(w.startMinute()));
    return Future.all(rows, total).map(v -> {
      JsonArray list = new JsonArray();
      for (Row r : rows.result()) {
        list.add(dvmJson(r));
      }
      return windowJson(w).put("total", total.result().iterator().next().getLong(0)).put("dvms", list);
    });
  }

  /** One DVM (null when the pubkey never published a result or feedback), with its per-kind breakdown. */
  public Future<JsonObject> dvm(Window w, String pubkey) {
    Tuple t = Tuple.of(w.startMinute(), w.start(), pubkey);
    Future<RowSet<Row>> rows = pool.preparedQuery(DVM_ROWS.formatted(ONE_DVM)).execute(t);
    Future<RowSet<Row>> byKind = pool.preparedQuery(DVM_BY_KIND).execute(t);
    return Future.all(rows, byKind).map(v -> {
      if (rows.result().size() == 0) {
        return null;
      }
      JsonArray kinds = new JsonArray();
      for (Row r : byKind.result()) {
        int kind = r.getInteger(0);
        kinds.add(new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind))
            .put("job_results", r.getLong(1)).put("sats_earned", r.getLong(2))
            .put("avg_response_seconds", r.getDouble(3)));
      }
      return windowJson(w).mergeIn(dvmJson(rows.result().iterator().next())).put("by_kind", kinds);
    });
  }

  private static JsonObject dvmJson(Row r) {
    return new JsonObject()
        .put("pubkey", r.getString("pubkey"))
        .put("name", r.getString("name"))
        .put("picture", r.getString("picture"))
        .put("about", r.getString("about"))
        .put("kinds", intArray(r.getArrayOfIntegers("kinds")))
        .put("announced_kinds", intArray(r.getArrayOfIntegers("announced_kinds")))
        .put("job_requests", r.getLong("job_requests"))
        .put("job_results", r.getLong("job_results"))
        .put("job_feedback", r.getLong("job_feedback"))
        .put("errors", r.getLong("errors"))
        .put("avg_response_seconds", r.getDouble("avg_response_seconds"))
        .put("p50_response_seconds", r.getLong("p50_response_seconds"))
        .put("p95_response_seconds", r.getLong("p95_response_seconds"))
        .put("sats_earned", r.getLong("sats_earned"))
        .put("sats_zapped", r.getLong("sats_zapped"))
        .put("first_seen", r.getLong("first_seen"))
        .put("last_seen", r.getLong("last_seen"));
  }

  private static JsonArray intArray(Integer[] values) {
    JsonArray a = new JsonArray();
    if (values != null) {
      for (Integer v : values) {
        a.add(v);
      }
    }
    return a;
  }

  public Future<JsonObject> kinds(Window w) {
    return pool.preparedQuery(KIND_ROWS.formatted("", PAIR_SATS, RT, RT_OK)).execute(window(w)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row r : rows) {
        list.add(kindJson(r));
      }
      return windowJson(w).put("kinds", list);
    });
  }

  /** One kind with the DVMs serving it; null when the kind was never seen nor announced. */
  public Future<JsonObject> kind(Window w, int kind) {
    Tuple t = Tuple.of(w.startMinute(), w.start(), kind);
    Future<RowSet<Row>> known = pool.preparedQuery(KIND_KNOWN).execute(Tuple.of(kind));
    Future<RowSet<Row>> row = pool.preparedQuery(KIND_ROWS.formatted("AND kind = $3", PAIR_SATS, RT, RT_OK))
        .execute(t);
    Future<RowSet<Row>> dvms = pool.preparedQuery(KIND_DVMS).execute(t);
    return Future.all(known, row, dvms).map(v -> {
      Row k = known.result().iterator().next();
      long announced = k.getLong(1);
      if (!k.getBoolean(0) && announced == 0) {
        return null;
      }
      JsonObject out = row.result().size() > 0 ? kindJson(row.result().iterator().next())
          : new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind)).put("job_requests", 0L)
              .put("job_results", 0L).put("job_feedback", 0L).put("sats_paid", 0L).put("dvm_count", 0L)
              .put("announced_dvm_count", announced).put("avg_response_seconds", null);
      return windowJson(w).mergeIn(out).put("dvms", dvmList(dvms.result()));
    });
  }

  private static JsonArray dvmList(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    for (Row r : rows) {
      list.add(new JsonObject().put("pubkey", r.getString(0)).put("name", r.getString(1))
          .put("job_results", r.getLong(2)).put("sats_earned", r.getLong(3))
          .put("avg_response_seconds", r.getDouble(4)));
    }
    return list;
  }

  private static JsonObject kindJson(Row r) {
    int kind = r.getInteger(0);
    return new JsonObject()
        .put("kind", kind)
        .put("name", KindCatalog.name(kind))
        .put("job_requests", r.getLong(1))
        .put("job_results", r.getLong(2))
        .put("job_feedback", r.getLong(3))
        .put("sats_paid", r.getLong(4))
        .put("dvm_count", r.getLong(5))
        .put("announced_dvm_count", r.getLong(6))
        .put("avg_response_seconds", r.getDouble(7));
  }

  static JsonObject windowJson(Window w) {
    return new JsonObject().put("range", w.range()).put("window_start", w.isAll() ? null : w.start())
        .put("now", w.now());
  }

  /** Time series per docs/metrics.md; {@code kind} and {@code dvm} are optional filters. */
  public Future<JsonObject> timeseries(Window w, Integer kind, String dvm) {
    TimeseriesQueries q = new TimeseriesQueries(w, kind, dvm);
    List<Future<RowSet<Row>>> parts = new ArrayList<>();
    for (TimeseriesQueries.Part p : q.parts()) {
      parts.add(pool.preparedQuery(p.sql()).execute(p.params()));
    }
    return Future.all(parts).map(v -> {
      List<RowSet<Row>> results = new ArrayList<>();
      for (Future<RowSet<Row>> f : parts) {
        results.add(f.result());
      }
      return windowJson(w).put("bucket_seconds", w.bucketSeconds()).put("points", q.assemble(results));
    });
  }
}

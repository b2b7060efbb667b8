package dvmdash.store;

import dvmdash.store.PairRollupDelta.CustomerKey;
import dvmdash.store.PairRollupDelta.Key;
import dvmdash.store.PairRollupDelta.Level;
import dvmdash.store.PairRollupDelta.PairRow;
import dvmdash.store.PairRollupDelta.Sums;
import dvmdash.store.PairRollupDelta.TimeKey;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job-pair side of a batch's rollup transaction: reads the pairs a batch touches (locked) and writes the
 * {@link PairRollupDelta} between their states before and after to the pair tiers, the response-time histograms (per
 * DVM and kind, and per kind by day) and
 * the all-time percentile summaries ({@code dvm_rt_total}, {@code kind_rt_total}, {@code kind_dvm_rt_total}).
 */
final class PairRollupWriter {

  private PairRollupWriter() {
  }

  /**
   * All-time nearest-rank p50 and p95 per {@code key} (dvm or kind) of the given keys ($1, an array of
   * {@code arrayType}), recomputed from their pair_rt_total rows into {@code table} (the smallest value whose cumulative
   * count reaches p·n); a key left with no response time loses its row.
   */
  private static String refreshPercentiles(String table, String key, String arrayType) {
    return """
        WITH h AS (
          SELECT %2$s, min(rt) FILTER (WHERE cum * 100 >= 50 * total) AS p50,
                 min(rt) FILTER (WHERE cum * 100 >= 95 * total) AS p95
          FROM (SELECT %2$s, rt, sum(n) OVER (PARTITION BY %2$s ORDER BY rt) AS cum,
                       sum(n) OVER (PARTITION BY %2$s) AS total
                FROM (SELECT %2$s, rt, sum(n) AS n FROM pair_rt_total WHERE %2$s = ANY($1::%3$s[])
                      GROUP BY %2$s, rt HAVING sum(n) > 0) t) c
          GROUP BY %2$s),
        gone AS (DELETE FROM %1$s WHERE %2$s = ANY($1::%3$s[]) AND %2$s NOT IN (SELECT %2$s FROM h))
        INSERT INTO %1$s AS s (%2$s, p50, p95) SELECT %2$s, p50, p95 FROM h
        ON CONFLICT (%2$s) DO UPDATE SET p50 = excluded.p50, p95 = excluded.p95""".formatted(table, key, arrayType);
  }

  private static final String REFRESH_DVM_PERCENTILES = refreshPercentiles("dvm_rt_total", "dvm", "text");
  private static final String REFRESH_KIND_PERCENTILES = refreshPercentiles("kind_rt_total", "kind", "int");
  /** The same per (kind, DVM) for the touched pairs of kind and DVM (kind_dvm_rt_total). */
  private static final String REFRESH_KIND_DVM_PERCENTILES = """
      WITH touched AS (SELECT * FROM unnest($1::int[], $2::text[]) AS t(kind, dvm)),
      h AS (
        SELECT kind, dvm, min(rt) FILTER (WHERE cum * 100 >= 50 * total) AS p50,
               min(rt) FILTER (WHERE cum * 100 >= 95 * total) AS p95
        FROM (SELECT r.kind, r.dvm, r.rt, sum(r.n) OVER (PARTITION BY r.kind, r.dvm ORDER BY r.rt) AS cum,
                     sum(r.n) OVER (PARTITION BY r.kind, r.dvm) AS total
              FROM pair_rt_total r JOIN touched t ON t.kind = r.kind AND t.dvm = r.dvm WHERE r.n > 0) c
        GROUP BY kind, dvm),
      gone AS (DELETE FROM kind_dvm_rt_total s USING touched t
               WHERE s.kind = t.kind AND s.dvm = t.dvm
                 AND NOT EXISTS (SELECT 1 FROM h WHERE h.kind = s.kind AND h.dvm = s.dvm))
      INSERT INTO kind_dvm_rt_total AS s (kind, dvm, p50, p95) SELECT kind, dvm, p50, p95 FROM h
      ON CONFLICT (kind, dvm) DO UPDATE SET p50 = excluded.p50, p95 = excluded.p95""";
  /** Every pair of the given requests (a superset of the pairs the batch writes), locked until commit. */
  private static final String SELECT_PAIRS = """
      SELECT request_id, dvm, kind, customer, request_at, first_result_at, results, feedback, amount_msat, pair_time
      FROM job_pairs WHERE request_id = ANY($1::text[]) FOR UPDATE""";
  private static final String ADD_PAIR_SUMS = """
      INSERT INTO %1$s AS p (%2$skind, dvm, pairs, sats, rt_n, rt_sum, skew, taken, delivered)
      SELECT %2$skind, dvm, pairs, sats, rt_n, rt_sum, skew, taken, delivered
      FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                  $8::bigint[], $9::bigint[], $10::bigint[])
        AS t(minute, kind, dvm, pairs, sats, rt_n, rt_sum, skew, taken, delivered)
      ON CONFLICT (%2$skind, dvm) DO UPDATE SET pairs = p.pairs + excluded.pairs, sats = p.sats + excluded.sats,
        rt_n = p.rt_n + excluded.rt_n, rt_sum = p.rt_sum + excluded.rt_sum, skew = p.skew + excluded.skew,
        taken = p.taken + excluded.taken, delivered = p.delivered + excluded.delivered""";
  private static final String ADD_PAIR_TIMES = """
      INSERT INTO %1$s AS p (%2$skind, dvm, rt, n)
      SELECT %2$skind, dvm, rt, n FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::bigint[])
        AS t(minute, kind, dvm, rt, n)
      ON CONFLICT (%2$skind, dvm, rt) DO UPDATE SET n = p.n + excluded.n""";
  /** The day histograms again per kind only (kind_rt_day): the same deltas summed over the DVMs. */
  private static final String ADD_KIND_TIMES = """
      INSERT INTO kind_rt_day AS p (minute, kind, rt, n)
      SELECT minute, kind, rt, sum(n) FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[])
        AS t(minute, kind, rt, n)
      GROUP BY minute, kind, rt
      ON CONFLICT (minute, kind, rt) DO UPDATE SET n = p.n + excluded.n""";
  private static final String ADD_PAIR_CUSTOMERS = """
      INSERT INTO %s AS p (minute, kind, dvm, customer, n)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::bigint[])
      ON CONFLICT (minute, kind, dvm, customer) DO UPDATE SET n = p.n + excluded.n""";
  static Future<List<PairRow>> readPairs(SqlConnection conn, String[] requestIds) {
    return conn.preparedQuery(SELECT_PAIRS).execute(Tuple.of((Object) requestIds)).map(rows -> {
      List<PairRow> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new PairRow(r.getString(0), r.getString(1), r.getInteger(2), r.getString(3), r.getLong(4),
            r.getLong(5), r.getInteger(6), r.getInteger(7), r.getLong(8), r.getLong(9)));
      }
      return out;
    });
  }

  /** Writes the pair deltas; hour rows only from minute {@code keep} on (see the constructor). */
  static Future<?> write(SqlConnection conn, PairRollupDelta d, long keep) {
    d.sums.keySet().removeIf(k -> k.level() == Level.HOUR && k.minute() < keep);
    d.responseTimes.keySet().removeIf(k -> k.level() == Level.HOUR && k.minute() < keep);
    d.customers.keySet().removeIf(k -> k.level() == Level.HOUR && k.minute() < keep);
    Map<Long, long[]> days = new LinkedHashMap<>();
    d.sums.forEach((k, v) -> {
      if (k.level() == Level.DAY && v.sats != 0) {
        days.computeIfAbsent(k.minute(), x -> new long[5])[3] += v.sats;
      }
    });
    Future<?> f = CountTierWriter.addSeriesDay(Future.succeededFuture(), conn, days);
    for (Level level : Level.values()) {
      String suffix = level.name().toLowerCase(java.util.Locale.ROOT);
      Map<Key, Sums> sums = new LinkedHashMap<>();
      d.sums.forEach((k, v) -> {
        if (k.level() == level) {
          sums.put(k, v);
        }
      });
      if (!sums.isEmpty()) {
        var keys = sums.keySet();
        String table = "pair_" + suffix;
        String sql = ADD_PAIR_SUMS.formatted(table, CountTierWriter.minuteColumn(table));
        f = f.compose(v -> RollupRepository.exec(conn, sql,
            Columns.int8(keys, Key::minute), Columns.int4(keys, Key::kind), Columns.text(keys, Key::dvm),
            Columns.int8(keys, k -> sums.get(k).pairs), Columns.int8(keys, k -> sums.get(k).sats),
            Columns.int8(keys, k -> sums.get(k).rtN), Columns.int8(keys, k -> sums.get(k).rtSum),
            Columns.int8(keys, k -> sums.get(k).skew), Columns.int8(keys, k -> sums.get(k).taken),
            Columns.int8(keys, k -> sums.get(k).delivered)));
      }
      Map<TimeKey, Long> times = new LinkedHashMap<>();
      d.responseTimes.forEach((k, n) -> {
        if (k.level() == level) {
          times.put(k, n);
        }
      });
      if (!times.isEmpty()) {
        var keys = times.keySet();
        String table = "pair_rt_" + suffix;
        String sql = ADD_PAIR_TIMES.formatted(table, CountTierWriter.minuteColumn(table));
        f = f.compose(v -> RollupRepository.exec(conn, sql,
            Columns.int8(keys, TimeKey::minute), Columns.int4(keys, TimeKey::kind), Columns.text(keys, TimeKey::dvm),
            Columns.int8(keys, TimeKey::seconds), Columns.int8(keys, times::get)));
        if (level == Level.DAY) {
          f = f.compose(v -> RollupRepository.exec(conn, ADD_KIND_TIMES, Columns.int8(keys, TimeKey::minute),
              Columns.int4(keys, TimeKey::kind), Columns.int8(keys, TimeKey::seconds), Columns.int8(keys, times::get)));
        }
        if (level == Level.TOTAL) {
          String[] dvms = keys.stream().map(TimeKey::dvm).distinct().sorted().toArray(String[]::new);
          Integer[] kinds = keys.stream().map(TimeKey::kind).distinct().sorted().toArray(Integer[]::new);
          Set<List<Object>> pairs = new java.util.TreeSet<>(java.util.Comparator
              .comparing((List<Object> k) -> (Integer) k.get(0)).thenComparing(k -> (String) k.get(1)));
          keys.forEach(k -> pairs.add(List.of(k.kind(), k.dvm())));
          f = f.compose(v -> RollupRepository.exec(conn, REFRESH_DVM_PERCENTILES, (Object) dvms))
              .compose(v -> RollupRepository.exec(conn, REFRESH_KIND_PERCENTILES, (Object) kinds))
              .compose(v -> RollupRepository.exec(conn, REFRESH_KIND_DVM_PERCENTILES,
                  Columns.int4(pairs, k -> (Integer) k.get(0)), Columns.text(pairs, k -> (String) k.get(1))));
        }
      }
      Map<CustomerKey, Long> customers = new LinkedHashMap<>();
      d.customers.forEach((k, n) -> {
        if (k.level() == level) {
          customers.put(k, n);
        }
      });
      if (!customers.isEmpty()) {
        var keys = customers.keySet();
        f = f.compose(v -> RollupRepository.exec(conn, ADD_PAIR_CUSTOMERS.formatted("pair_customers_" + suffix),
            Columns.int8(keys, CustomerKey::minute), Columns.int4(keys, CustomerKey::kind),
            Columns.text(keys, CustomerKey::dvm), Columns.text(keys, CustomerKey::customer),
            Columns.int8(keys, customers::get)));
      }
    }
    return f;
  }
}

package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read side of the rollups: the rows of every figure of docs/metrics.md for a {@link Window} ({@link StatsAnswers}
 * shapes them into the API's JSON). Windowed queries sum and count
 * distinct members over minute, hour and day rows ({@link TierSources}: at most about 60 + 24 + the window's days row
 * groups per key); {@code all} reads the all-time totals. So no query's cost grows with the stored history.
 */
public final class StatsRepository {

  /** Sort keys of the DVM list → SQL expression (all descending except name). */
  public static final Map<String, String> DVM_SORTS = Map.ofEntries(
      Map.entry("job_results", "job_results DESC"),
      Map.entry("job_requests", "job_requests DESC"),
      Map.entry("job_feedback", "job_feedback DESC"),
      Map.entry("errors", "errors DESC"),
      Map.entry("sats_earned", "sats_earned DESC"),
      Map.entry("sats_zapped", "sats_zapped DESC"),
      Map.entry("avg_response_seconds", "avg_response_seconds ASC NULLS LAST"),
      Map.entry("p50_response_seconds", "p50_response_seconds ASC NULLS LAST"),
      Map.entry("p95_response_seconds", "p95_response_seconds ASC NULLS LAST"),
      Map.entry("success_rate", "success_rate DESC NULLS LAST"),
      Map.entry("last_seen", "last_seen DESC"),
      Map.entry("name", "lower(name) ASC NULLS LAST"));

  /** Mean of the non-negative response times of the grouped pair rows (the same numeric division as avg). */
  private static final String AVG_RT = "(sum(rt_sum) / nullif(sum(rt_n), 0))::float8";
  /** Success rate of the grouped pair rows: delivered ÷ taken (docs/metrics.md); null when none was taken. */
  private static final String SUCCESS = "(sum(delivered)::float8 / nullif(sum(taken), 0))";

  // The queries read {counts}, {kind_users}, {kind_dvms}, {pairs}, {times} (see TierSources); the window's split
  // bounds are the parameters after the query's own ($1, $2).
  private static final String GLOBAL = """
      SELECT c.rq, c.rs, c.fb, {unique_users}, {unique_dvms}, c.kinds, p.sats, p.skew, c.zapped
      FROM (SELECT coalesce(sum(requests), 0)::bigint AS rq, coalesce(sum(results), 0)::bigint AS rs,
                   coalesce(sum(feedback), 0)::bigint AS fb, count(DISTINCT kind) FILTER (WHERE requests > 0) AS kinds,
                   coalesce(sum(zapped_sats), 0)::bigint AS zapped
            FROM {counts} x) c,
           (SELECT coalesce(sum(sats), 0)::bigint AS sats, coalesce(sum(skew), 0)::bigint AS skew FROM {pairs} x) p""";
  /**
   * Distinct users (DVMs) of a window [start, now]: windows have no upper edge, so they are exactly the users (DVMs)
   * whose latest request (result or feedback) is at or after the start, counted from the last_seen index in time
   * proportional to that number, not to the window's memberships.
   */
  private static final String WINDOW_USERS = "(SELECT count(*) FROM users WHERE last_seen >= {minute_from} * 60)";
  private static final String WINDOW_DVMS = "(SELECT count(*) FROM dvms WHERE last_seen >= {minute_from} * 60)";
  private static final String ALL_USERS = "(SELECT unique_users FROM global_totals)";
  private static final String ALL_DVMS = "(SELECT unique_dvms FROM global_totals)";
  private static final String TOP_DVM_RESULTS = """
      SELECT t.dvm, t.n, pr.name
      FROM (SELECT dvm, sum(results)::bigint AS n FROM {counts} x WHERE dvm <> '' GROUP BY dvm
            HAVING sum(results) > 0 ORDER BY n DESC, dvm LIMIT 1) t
      LEFT JOIN dvm_profiles pr ON pr.pubkey = t.dvm""";
  private static final String TOP_DVM_SATS = """
      SELECT t.dvm, t.n, pr.name
      FROM (SELECT dvm, sum(sats)::bigint AS n FROM {pairs} x GROUP BY dvm HAVING sum(sats) > 0
            ORDER BY n DESC, dvm LIMIT 1) t
      LEFT JOIN dvm_profiles pr ON pr.pubkey = t.dvm""";
  private static final String TOP_KIND_REQUESTS = """
      SELECT kind, sum(requests)::bigint AS n FROM {counts} x WHERE kind BETWEEN 5000 AND 5999
      GROUP BY kind HAVING sum(requests) > 0 ORDER BY n DESC, kind LIMIT 1""";
  private static final String TOP_KIND_SATS = """
      SELECT kind, sum(sats)::bigint AS n FROM {pairs} x WHERE kind <> 0
      GROUP BY kind HAVING sum(sats) > 0 ORDER BY n DESC, kind LIMIT 1""";

  /**
   * DVM rows; {base} is the set of DVMs to report (a subquery yielding column dvm) and {of_base} the condition on
   * dvm selecting them from a source (for one DVM "dvm = $1", so that the (dvm, minute) indexes serve). Percentiles
   * are nearest-rank over the response-time histogram: the smallest value whose cumulative count reaches ceil(p·n).
   */
  private static final String DVM_ROWS = """
      WITH base AS ({base}),
      c AS (SELECT dvm, sum(results)::bigint AS r, sum(feedback)::bigint AS f, sum(errors)::bigint AS e,
                   sum(zapped_sats)::bigint AS z
            FROM {counts} x WHERE {of_base} GROUP BY dvm),
      p AS (SELECT dvm, sum(pairs)::bigint AS n, sum(sats)::bigint AS sats, {avg_rt} AS avg_rt, {success} AS success
            FROM {pairs} x WHERE {of_base} GROUP BY dvm),
      q AS ({q}),
      k AS (SELECT dvm, array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM {kind_dvms} x
            WHERE kind <> 0 AND {of_base} GROUP BY dvm),
      an AS (SELECT pubkey, array_agg(DISTINCT ak ORDER BY ak) AS kinds FROM announcements, unnest(kinds) AS ak
             WHERE pubkey IN (SELECT dvm FROM base) GROUP BY pubkey),
      af AS (SELECT pubkey, array_agg(DISTINCT kind ORDER BY kind) AS forms FROM announcements
             WHERE pubkey IN (SELECT dvm FROM base) GROUP BY pubkey),
      rows AS (
        SELECT b.dvm AS pubkey, pr.name, pr.picture, pr.about, k.kinds, an.kinds AS announced_kinds,
               coalesce(p.n, 0) AS job_requests, coalesce(c.r, 0) AS job_results, coalesce(c.f, 0) AS job_feedback,
               coalesce(c.e, 0) AS errors, p.avg_rt AS avg_response_seconds, q.p50 AS p50_response_seconds,
               q.p95 AS p95_response_seconds, p.success AS success_rate, coalesce(p.sats, 0) AS sats_earned,
               coalesce(c.z, 0) AS sats_zapped, d.first_seen, d.last_seen, af.forms AS announcement_kinds,
               coalesce(h.state, 'silent') AS state
        FROM base b JOIN dvms d ON d.pubkey = b.dvm
        LEFT JOIN dvm_profiles pr ON pr.pubkey = b.dvm
        LEFT JOIN c ON c.dvm = b.dvm LEFT JOIN p ON p.dvm = b.dvm LEFT JOIN q ON q.dvm = b.dvm
        LEFT JOIN k ON k.dvm = b.dvm LEFT JOIN an ON an.pubkey = b.dvm LEFT JOIN af ON af.pubkey = b.dvm
        LEFT JOIN dvm_health h ON h.dvm = b.dvm)
      SELECT * FROM rows""";
  /**
   * Nearest-rank p50 and p95 per {@code key} (dvm or kind) over the response-time histogram rows of {@code times}
   * that satisfy {@code where}: the smallest value whose cumulative count reaches p·n.
   */
  static String percentiles(String key, String where) {
    return ("SELECT %1$s, min(rt) FILTER (WHERE cum * 100 >= 50 * total) AS p50,"
        + " min(rt) FILTER (WHERE cum * 100 >= 95 * total) AS p95"
        + " FROM (SELECT %1$s, rt, sum(n) OVER (PARTITION BY %1$s ORDER BY rt) AS cum,"
        + " sum(n) OVER (PARTITION BY %1$s) AS total"
        + " FROM (SELECT %1$s, rt, sum(n) AS n FROM {times} x WHERE %2$s GROUP BY %1$s, rt) h) cumulative"
        + " GROUP BY %1$s").formatted(key, where);
  }

  /**
   * The kept all-time percentiles (each batch refreshes those of the DVMs and kinds it touched); windowed, the
   * percentiles are computed from the window's histogram cells ({@link DayHistograms}) and passed as arrays.
   */
  private static final String ALL_DVM_PERCENTILES = "SELECT dvm, p50, p95 FROM dvm_rt_total x WHERE {of_base}";
  private static final String ALL_KIND_PERCENTILES = "SELECT kind, p50, p95 FROM kind_rt_total";
  private static final String ALL_KIND_DVM_PERCENTILES = "SELECT dvm, p50, p95 FROM kind_dvm_rt_total WHERE kind = $1";
  private static final String ALL_DVM_KIND_PERCENTILES =
      "SELECT kind, p50, p95 FROM kind_dvm_rt_total WHERE dvm = $1 AND kind <> 0";
  private static final String ACTIVE_DVMS = "SELECT pubkey AS dvm FROM dvms WHERE {active}";
  private static final String ONE_DVM = "SELECT pubkey AS dvm FROM dvms WHERE pubkey = $1";
  private static final String IN_BASE = "dvm IN (SELECT dvm FROM base)";
  private static final String ACTIVE_DVM_COUNT = "SELECT count(*) FROM dvms WHERE last_seen >= $1";

  private static final String DVM_BY_KIND = """
      SELECT coalesce(r.kind, p.kind) AS kind, coalesce(r.n, 0) AS job_results, coalesce(p.sats, 0) AS sats_earned,
             p.avg_rt AS avg_response_seconds, p.success AS success_rate, q.p50, q.p95, coalesce(r.z, 0) AS sats_zapped
      FROM (SELECT kind, sum(results)::bigint AS n, sum(results + feedback) AS answered,
                   sum(zapped_sats)::bigint AS z
            FROM {counts} x WHERE dvm = $1 AND kind <> 0 GROUP BY kind) r
      FULL JOIN (SELECT kind, sum(sats)::bigint AS sats, {avg_rt} AS avg_rt, {success} AS success FROM {pairs} x
                 WHERE dvm = $1 AND kind <> 0 GROUP BY kind HAVING sum(pairs) > 0) p ON p.kind = r.kind
      LEFT JOIN ({q}) q ON q.kind = coalesce(r.kind, p.kind)
      WHERE r.answered > 0 OR p.kind IS NOT NULL
      ORDER BY 1""";

  /** Kind rows; {only} narrows to one kind ($1) or is empty. */
  private static final String KIND_ROWS = """
      WITH c AS (SELECT kind, sum(requests)::bigint AS rq, sum(results)::bigint AS rs, sum(feedback)::bigint AS fb,
                        sum(zapped_sats)::bigint AS z
                 FROM {counts} x WHERE kind BETWEEN 5000 AND 5999 {only} GROUP BY kind
                 HAVING sum(requests) + sum(results) + sum(feedback) > 0),
      d AS (SELECT kind, count(DISTINCT dvm) AS n FROM {kind_dvms} x
            WHERE kind IN (SELECT kind FROM c) GROUP BY kind),
      p AS (SELECT kind, sum(sats)::bigint AS sats, {avg_rt} AS rt, {success} AS success FROM {pairs} x
            WHERE kind IN (SELECT kind FROM c) GROUP BY kind),
      an AS (SELECT ak AS kind, count(DISTINCT pubkey) AS n FROM announcements, unnest(kinds) AS ak GROUP BY ak),
      q AS ({q})
      SELECT c.kind, c.rq, c.rs, c.fb, coalesce(p.sats, 0), coalesce(d.n, 0), coalesce(an.n, 0), p.rt, p.success,
             q.p50, q.p95, c.z
      FROM c LEFT JOIN d ON d.kind = c.kind LEFT JOIN p ON p.kind = c.kind LEFT JOIN an ON an.kind = c.kind
      LEFT JOIN q ON q.kind = c.kind
      ORDER BY c.rq DESC, c.kind""";
  private static final String KIND_KNOWN = """
      SELECT EXISTS (SELECT 1 FROM total_counts WHERE kind = $1 AND requests + results + feedback > 0),
             (SELECT count(DISTINCT pubkey) FROM announcements WHERE $1 = ANY(kinds))""";
  private static final String KIND_DVMS = """
      WITH base AS (SELECT DISTINCT dvm FROM {kind_dvms} x WHERE kind = $1),
      r AS (SELECT dvm, sum(results)::bigint AS n, sum(zapped_sats)::bigint AS z FROM {counts} x WHERE kind = $1
            GROUP BY dvm),
      p AS (SELECT dvm, sum(sats)::bigint AS sats, {avg_rt} AS rt, {success} AS success FROM {pairs} x
            WHERE kind = $1 GROUP BY dvm),
      q AS ({q})
      SELECT b.dvm, pr.name, coalesce(r.n, 0), coalesce(p.sats, 0), p.rt, p.success, q.p50, q.p95, coalesce(r.z, 0)
      FROM base b LEFT JOIN dvm_profiles pr ON pr.pubkey = b.dvm LEFT JOIN r ON r.dvm = b.dvm
      LEFT JOIN p ON p.dvm = b.dvm LEFT JOIN q ON q.dvm = b.dvm
      ORDER BY 3 DESC, b.dvm""";

  private final Pool pool;
  private final DayHistograms histograms;

  public StatsRepository(Pool pool) {
    this.pool = pool;
    this.histograms = new DayHistograms(pool);
  }

  /**
   * Runs {@code template} over the window's sources: the totals for {@code all}, else the tiers of
   * {@link Tiers#split} (to day rows), whose bounds follow the query's own {@code params}.
   */
  private Future<RowSet<Row>> query(Window w, String template, Object... params) {
    List<Object> all = new ArrayList<>(List.of(params));
    TierSources src;
    if (w.isAll()) {
      src = TierSources.totals();
    } else {
      src = TierSources.windowed(params.length + 1);
      all.addAll(List.of(Tiers.split(w.startMinute(), Tiers.Tier.DAY).params()));
    }
    return pool.preparedQuery(render(template, src)).execute(Tuple.wrap(all));
  }

  /** The window's response-time cells (null for {@code all}, whose percentiles are kept in tables). */
  private Future<DayHistograms.WindowCells> cells(Window w) {
    return w.isAll() ? Future.succeededFuture(null)
        : histograms.window(Tiers.split(w.startMinute(), Tiers.Tier.DAY));
  }

  /**
   * As {@link #query}, with {@code {q}} the percentiles of {@code spec}: all time the kept ones ({@code allTime}),
   * windowed those computed from {@code cells}, passed as three arrays after the query's own parameters.
   */
  private Future<RowSet<Row>> queryWithPercentiles(Window w, DayHistograms.WindowCells cells, RtPercentiles.Spec spec,
                                                   String allTime, String template, Object... params) {
    if (cells == null) {
      return query(w, template.replace("{q}", allTime), params);
    }
    Map<Object, RtPercentiles.Pair> computed = cells.percentiles(spec);
    boolean perDvm = spec.key() == RtPercentiles.Key.DVM;
    Object keys = perDvm ? computed.keySet().toArray(String[]::new) : computed.keySet().toArray(Integer[]::new);
    Long[] p50 = computed.values().stream().map(RtPercentiles.Pair::p50).toArray(Long[]::new);
    Long[] p95 = computed.values().stream().map(RtPercentiles.Pair::p95).toArray(Long[]::new);
    int first = params.length + 1;
    String q = "SELECT * FROM unnest($%d::%s[], $%d::bigint[], $%d::bigint[]) AS q(%s, p50, p95)"
        .formatted(first, perDvm ? "text" : "int", first + 1, first + 2, perDvm ? "dvm" : "kind");
    List<Object> all = new ArrayList<>(List.of(params));
    all.addAll(List.of(keys, p50, p95));
    return query(w, template.replace("{q}", q), all.toArray());
  }

  static String render(String template, TierSources src) {
    String sql = template
        .replace("{unique_users}", src.isTotals() ? ALL_USERS : WINDOW_USERS)
        .replace("{unique_dvms}", src.isTotals() ? ALL_DVMS : WINDOW_DVMS)
        .replace("{active}", src.isTotals() ? "true" : "last_seen >= {minute_from} * 60")
        .replace("{avg_rt}", AVG_RT)
        .replace("{success}", SUCCESS)
        .replace("{counts}", src.counts())
        .replace("{kind_dvms}", src.kindDvms())
        .replace("{pairs}", src.pairs());
    sql = src.isTotals() ? sql : sql.replace("{minute_from}", src.minuteFrom());
    return sql.contains("{kind_users}") ? sql.replace("{kind_users}", src.kindUsers()) : sql;
  }

  /** The rows of the global figures: the totals row and the top DVM and kind rows (null when none). */
  public record GlobalRows(Row totals, Row topDvm, Row paidDvm, Row topKind, Row paidKind) {
  }

  /** A page of DVM rows ({@link #DVM_ROWS} columns) and the number of DVMs active in the window. */
  public record DvmPage(long total, RowSet<Row> dvms) {
  }

  /** One DVM's row ({@link #DVM_ROWS} columns; null when unknown) and its per-kind rows ({@link #DVM_BY_KIND}). */
  public record DvmRows(Row dvm, RowSet<Row> byKind) {
  }

  /**
   * One kind: whether it was ever seen, by how many DVMs announced, its row ({@link #KIND_ROWS} columns; null when
   * it has no job in the window) and the rows of the DVMs serving it ({@link #KIND_DVMS}).
   */
  public record KindRows(boolean seen, long announced, Row kind, RowSet<Row> dvms) {
  }

  public Future<GlobalRows> global(Window w) {
    Future<RowSet<Row>> totals = query(w, GLOBAL);
    Future<RowSet<Row>> topDvm = query(w, TOP_DVM_RESULTS);
    Future<RowSet<Row>> paidDvm = query(w, TOP_DVM_SATS);
    Future<RowSet<Row>> topKind = query(w, TOP_KIND_REQUESTS);
    Future<RowSet<Row>> paidKind = query(w, TOP_KIND_SATS);
    return Future.all(totals, topDvm, paidDvm, topKind, paidKind).map(all -> new GlobalRows(
        first(totals.result()), first(topDvm.result()), first(paidDvm.result()), first(topKind.result()),
        first(paidKind.result())));
  }

  private static Row first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  /** The DVMs active in the window, sorted and paged, with the total count. */
  public Future<DvmPage> dvms(Window w, String sort, int limit, int offset) {
    String order = DVM_SORTS.get(sort);
    if (order == null) {
      throw new IllegalArgumentException("unknown sort " + sort);
    }
    String sql = DVM_ROWS.replace("{base}", ACTIVE_DVMS).replace("{of_base}", IN_BASE) + " ORDER BY " + order
        + ", pubkey LIMIT " + limit + " OFFSET " + offset;
    Future<RowSet<Row>> rows = cells(w).compose(cells -> queryWithPercentiles(w, cells, RtPercentiles.Spec.perDvm(),
        ALL_DVM_PERCENTILES.replace("{of_base}", IN_BASE), sql));
    Future<RowSet<Row>> total = pool.preparedQuery(ACTIVE_DVM_COUNT).execute(Tuple.of(w.start()));
    return Future.all(rows, total).map(v -> new DvmPage(total.result().iterator().next().getLong(0), rows.result()));
  }

  /** One DVM (a null row when the pubkey never published a result or feedback), with its per-kind breakdown. */
  public Future<DvmRows> dvm(Window w, String pubkey) {
    return cells(w).compose(cells -> {
      Future<RowSet<Row>> rows = queryWithPercentiles(w, cells, RtPercentiles.Spec.oneDvm(pubkey),
          ALL_DVM_PERCENTILES.replace("{of_base}", "dvm = $1"),
          DVM_ROWS.replace("{base}", ONE_DVM).replace("{of_base}", "dvm = $1"), pubkey);
      Future<RowSet<Row>> byKind = queryWithPercentiles(w, cells, RtPercentiles.Spec.kindsOfDvm(pubkey),
          ALL_DVM_KIND_PERCENTILES, DVM_BY_KIND, pubkey);
      return Future.all(rows, byKind).map(v -> new DvmRows(first(rows.result()), byKind.result()));
    });
  }

  /** Every kind with jobs in the window ({@link #KIND_ROWS} columns), most requested first. */
  public Future<RowSet<Row>> kinds(Window w) {
    return cells(w).compose(cells -> queryWithPercentiles(w, cells, RtPercentiles.Spec.perKind(),
        ALL_KIND_PERCENTILES, KIND_ROWS.replace("{only}", "")));
  }

  /** One kind with the DVMs serving it. */
  public Future<KindRows> kind(Window w, int kind) {
    Future<RowSet<Row>> known = pool.preparedQuery(KIND_KNOWN).execute(Tuple.of(kind));
    return cells(w).compose(cells -> {
      Future<RowSet<Row>> row = queryWithPercentiles(w, cells, RtPercentiles.Spec.perKind(), ALL_KIND_PERCENTILES,
          KIND_ROWS.replace("{only}", "AND kind = $1"), kind);
      Future<RowSet<Row>> dvms = queryWithPercentiles(w, cells, RtPercentiles.Spec.dvmsOfKind(kind),
          ALL_KIND_DVM_PERCENTILES, KIND_DVMS, kind);
      return Future.all(known, row, dvms).map(v -> {
        Row k = known.result().iterator().next();
        return new KindRows(k.getBoolean(0), k.getLong(1), first(row.result()), dvms.result());
      });
    });
  }

  /** Time series per docs/metrics.md; {@code kind} and {@code dvm} are optional filters. */
  Future<TimeseriesQueries.Series> timeseries(Window w, Integer kind, String dvm) {
    TimeseriesQueries q = new TimeseriesQueries(w, kind, dvm);
    List<Future<RowSet<Row>>> parts = new ArrayList<>();
    for (TimeseriesQueries.Part p : q.parts()) {
      parts.add(pool.preparedQuery(p.sql()).execute(p.params()));
    }
    Future<Map<Long, RtPercentiles.Pair>> perDay = q.percentilesPerDay()
        ? histograms.window(q.split()).map(cells -> cells.perDay(w.start(), kind, dvm))
        : Future.succeededFuture(null);
    return Future.all(Future.all(parts), perDay).map(v -> {
      List<RowSet<Row>> results = new ArrayList<>();
      for (Future<RowSet<Row>> f : parts) {
        results.add(f.result());
      }
      return perDay.result() == null ? q.assemble(results) : q.assemble(results, perDay.result());
    });
  }
}

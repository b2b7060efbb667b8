package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The response-time cells of a window (docs/metrics.md, percentiles), as {@link TierSources#responseTimes} reads them:
 * the edges (pairs of the minutes before the first hour row, then hour rows) are read at each request; whole days
 * (pair_rt_day) are kept in memory per day and read again only when the day's version moved (schema 27: every
 * statement writing a day's rows sets its version). A 30-day window thus reads its 24,000 day rows once, then only the
 * days that changed (usually today). Safe across threads: kept days are immutable and replaced whole.
 */
final class DayHistograms {

  /** Days kept at most (the longest window has 30 whole days and today). */
  static final int MAX_DAYS = 64;

  private static final String VERSIONS =
      "SELECT minute, version FROM rt_day_versions WHERE minute >= $1 ORDER BY minute";
  private static final String DAY_CELLS = """
      SELECT minute, kind, dvm, rt, n FROM pair_rt_day WHERE minute = ANY($1::bigint[]) AND n > 0""";
  private static final String EDGE_CELLS = "SELECT kind, dvm, rt, sum(n)::bigint FROM "
      + TierSources.beforeDays(1).responseTimes() + " x GROUP BY 1, 2, 3";

  /** The cells of one bucket: n pairs of kind (0 = none) and dvm answered in rt seconds. */
  record Cells(int[] kinds, String[] dvms, long[] rts, long[] ns) {

    static Cells of(List<Row> rows, int firstColumn) {
      int size = rows.size();
      Cells c = new Cells(new int[size], new String[size], new long[size], new long[size]);
      for (int i = 0; i < size; i++) {
        Row r = rows.get(i);
        c.kinds[i] = r.getInteger(firstColumn);
        c.dvms[i] = r.getString(firstColumn + 1);
        c.rts[i] = r.getLong(firstColumn + 2);
        c.ns[i] = r.getLong(firstColumn + 3);
      }
      return c;
    }

    void feed(RtPercentiles p) {
      for (int i = 0; i < kinds.length; i++) {
        p.add(kinds[i], dvms[i], rts[i], ns[i]);
      }
    }
  }

  /** A window's cells: its edges (all in the UTC day of the window's start) and its whole days by first minute. */
  record WindowCells(Cells edges, Map<Long, Cells> days) {

    /** The percentiles of {@code spec} over every cell of the window. */
    Map<Object, RtPercentiles.Pair> percentiles(RtPercentiles.Spec spec) {
      RtPercentiles p = new RtPercentiles(spec);
      edges.feed(p);
      days.values().forEach(d -> d.feed(p));
      return p.compute();
    }

    /**
     * Per UTC day (bucket start in seconds; the edges count in the day of {@code startSeconds}), the percentiles of
     * the cells of {@code kind} and {@code dvm} (null: any); days without such a cell are left out.
     */
    Map<Long, RtPercentiles.Pair> perDay(long startSeconds, Integer kind, String dvm) {
      Map<Long, RtPercentiles.Pair> out = new LinkedHashMap<>();
      RtPercentiles.Spec spec = RtPercentiles.Spec.together(kind, dvm);
      RtPercentiles first = new RtPercentiles(spec);
      edges.feed(first);
      first.compute().values().forEach(p -> out.put(Math.floorDiv(startSeconds, 86_400L) * 86_400L, p));
      days.forEach((minute, cells) -> {
        RtPercentiles day = new RtPercentiles(spec);
        cells.feed(day);
        // a day row at the window's start shares the first bucket only when the edges are empty
        day.compute().values().forEach(p -> out.merge(minute * 60, p, (a, b) -> {
          throw new IllegalStateException("edges and a day row in one bucket");
        }));
      });
      return out;
    }
  }

  private record Day(long version, Cells cells) {
  }

  private final Pool pool;
  private final ConcurrentSkipListMap<Long, Day> kept = new ConcurrentSkipListMap<>();

  DayHistograms(Pool pool) {
    this.pool = pool;
  }

  /** The cells of the window split at {@code split} (a split to day rows, {@link Tiers#split}). */
  Future<WindowCells> window(Tiers.Split split) {
    Future<RowSet<Row>> edges = pool.preparedQuery(EDGE_CELLS).execute(Tuple.wrap(List.of(split.params())));
    Future<Map<Long, Cells>> days = days(split.dayFrom());
    return Future.all(edges, days).map(v -> new WindowCells(Cells.of(list(edges.result()), 0), days.result()));
  }

  /** Every day from {@code dayFrom} on that has cells, read from the store when its version moved. */
  private Future<Map<Long, Cells>> days(long dayFrom) {
    return pool.preparedQuery(VERSIONS).execute(Tuple.of(dayFrom)).compose(rows -> {
      Map<Long, Long> versions = new LinkedHashMap<>();
      Map<Long, Day> days = new HashMap<>();
      List<Long> stale = new ArrayList<>();
      for (Row r : rows) {
        long minute = r.getLong(0);
        long version = r.getLong(1);
        versions.put(minute, version);
        Day day = kept.get(minute);
        if (day == null || day.version() != version) {
          stale.add(minute);
        } else {
          days.put(minute, day);
        }
      }
      Future<Void> read = stale.isEmpty() ? Future.succeededFuture()
          : pool.preparedQuery(DAY_CELLS).execute(Tuple.of((Object) stale.toArray(Long[]::new)))
              .map(cells -> {
                days.putAll(keep(stale, versions, cells));
                return null;
              });
      return read.map(v -> {
        Map<Long, Cells> out = new LinkedHashMap<>();
        versions.keySet().forEach(minute -> out.put(minute, days.get(minute).cells()));
        return out;
      });
    });
  }

  /**
   * Keeps the days just read under the versions read before them: a day written in between is kept with data newer
   * than its version says, so the next request sees a different version and reads it again (never the reverse).
   */
  private Map<Long, Day> keep(List<Long> stale, Map<Long, Long> versions, RowSet<Row> cells) {
    Map<Long, List<Row>> byDay = new HashMap<>();
    for (Row r : cells) {
      byDay.computeIfAbsent(r.getLong(0), m -> new ArrayList<>()).add(r);
    }
    Map<Long, Day> read = new HashMap<>();
    for (long minute : stale) {
      Day day = new Day(versions.get(minute), Cells.of(byDay.getOrDefault(minute, List.of()), 1));
      read.put(minute, day);
      kept.put(minute, day);
    }
    while (kept.size() > MAX_DAYS) {
      kept.pollFirstEntry();
    }
    return read;
  }

  private static List<Row> list(RowSet<Row> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    rows.forEach(out::add);
    return out;
  }
}

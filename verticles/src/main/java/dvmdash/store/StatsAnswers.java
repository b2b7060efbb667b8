package dvmdash.store;

import dvmdash.shared.nostr.KindCatalog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * The stats endpoints' JSON (docs/api-spec.md): global figures, time series, DVMs, kinds, each with its window, shaped
 * from the rows {@link StatsRepository} reads. Field names and order here are the API's; the SQL is the repository's.
 */
public final class StatsAnswers {

  private final StatsRepository rows;

  public StatsAnswers(StatsRepository rows) {
    this.rows = rows;
  }

  /** Answers read from {@code pool}. */
  public StatsAnswers(Pool pool) {
    this(new StatsRepository(pool));
  }

  public Future<JsonObject> global(Window w) {
    return rows.global(w).map(g -> {
      Row r = g.totals();
      return windowJson(w)
          .put("job_requests", r.getLong(0))
          .put("job_results", r.getLong(1))
          .put("job_feedback", r.getLong(2))
          .put("unique_users", r.getLong(3))
          .put("unique_dvms", r.getLong(4))
          .put("unique_kinds", r.getLong(5))
          .put("total_sats", r.getLong(6))
          .put("clock_skew_anomalies", r.getLong(7))
          .put("total_sats_zapped", r.getLong(8))
          .put("most_popular_dvm", topDvm(g.topDvm(), "job_results"))
          .put("most_paid_dvm", topDvm(g.paidDvm(), "sats_earned"))
          .put("most_popular_kind", topKind(g.topKind(), "job_requests"))
          .put("most_paid_kind", topKind(g.paidKind(), "sats_paid"));
    });
  }

  private static JsonObject topDvm(Row r, String field) {
    if (r == null) {
      return null;
    }
    return new JsonObject().put("pubkey", r.getString(0)).put("name", r.getString(2)).put(field, r.getLong(1));
  }

  private static JsonObject topKind(Row r, String field) {
    if (r == null) {
      return null;
    }
    int kind = r.getInteger(0);
    return new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind)).put(field, r.getLong(1));
  }

  /** The DVMs active in the window, sorted and paged, with the total count. */
  public Future<JsonObject> dvms(Window w, String sort, int limit, int offset) {
    return rows.dvms(w, sort, limit, offset).map(page -> {
      JsonArray list = new JsonArray();
      for (Row r : page.dvms()) {
        list.add(dvmJson(r));
      }
      return windowJson(w).put("total", page.total()).put("dvms", list);
    });
  }

  /** One DVM (null when the pubkey never published a result or feedback), with its per-kind breakdown. */
  public Future<JsonObject> dvm(Window w, String pubkey) {
    return rows.dvm(w, pubkey).map(d -> {
      if (d.dvm() == null) {
        return null;
      }
      JsonArray kinds = new JsonArray();
      for (Row r : d.byKind()) {
        int kind = r.getInteger(0);
        kinds.add(new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind))
            .put("job_results", r.getLong(1)).put("sats_earned", r.getLong(2)).put("sats_zapped", r.getLong(7))
            .put("avg_response_seconds", r.getDouble(3)).put("success_rate", r.getDouble(4))
            .put("p50_response_seconds", r.getLong(5)).put("p95_response_seconds", r.getLong(6)));
      }
      return windowJson(w).mergeIn(dvmJson(d.dvm())).put("by_kind", kinds);
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
        .put("announcement_kinds", intArray(r.getArrayOfIntegers("announcement_kinds")))
        .put("state", r.getString("state"))
        .put("job_requests", r.getLong("job_requests"))
        .put("job_results", r.getLong("job_results"))
        .put("job_feedback", r.getLong("job_feedback"))
        .put("errors", r.getLong("errors"))
        .put("avg_response_seconds", r.getDouble("avg_response_seconds"))
        .put("p50_response_seconds", r.getLong("p50_response_seconds"))
        .put("p95_response_seconds", r.getLong("p95_response_seconds"))
        .put("success_rate", r.getDouble("success_rate"))
        .put("sats_earned", r.getLong("sats_earned"))
        .put("sats_zapped", r.getLong("sats_zapped"))
        .put("first_seen", r.getLong("first_seen"))
        .put("last_seen", r.getLong("last_seen"));
  }

  static JsonArray intArray(Integer[] values) {
    JsonArray a = new JsonArray();
    if (values != null) {
      for (Integer v : values) {
        a.add(v);
      }
    }
    return a;
  }

  public Future<JsonObject> kinds(Window w) {
    return rows.kinds(w).map(set -> {
      JsonArray list = new JsonArray();
      for (Row r : set) {
        list.add(kindJson(r));
      }
      return windowJson(w).put("kinds", list);
    });
  }

  /** One kind with the DVMs serving it; null when the kind was never seen nor announced. */
  public Future<JsonObject> kind(Window w, int kind) {
    return rows.kind(w, kind).map(k -> {
      if (!k.seen() && k.announced() == 0) {
        return null;
      }
      JsonObject out = k.kind() != null ? kindJson(k.kind()) : unusedKindJson(kind, k.announced());
      return windowJson(w).mergeIn(out).put("dvms", dvmList(k.dvms()));
    });
  }

  /** A kind announced (or seen before the window) without jobs in the window: zero counts, no times. */
  static JsonObject unusedKindJson(int kind, long announced) {
    return new JsonObject().put("kind", kind).put("name", KindCatalog.name(kind)).put("job_requests", 0L)
        .put("job_results", 0L).put("job_feedback", 0L).put("sats_paid", 0L).put("dvm_count", 0L)
        .put("sats_zapped", 0L).put("announced_dvm_count", announced).put("avg_response_seconds", null)
        .putNull("success_rate")
        .putNull("p50_response_seconds").putNull("p95_response_seconds");
  }

  private static JsonArray dvmList(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    for (Row r : rows) {
      list.add(new JsonObject().put("pubkey", r.getString(0)).put("name", r.getString(1))
          .put("job_results", r.getLong(2)).put("sats_earned", r.getLong(3)).put("sats_zapped", r.getLong(8))
          .put("avg_response_seconds", r.getDouble(4)).put("success_rate", r.getDouble(5))
          .put("p50_response_seconds", r.getLong(6)).put("p95_response_seconds", r.getLong(7)));
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
        .put("sats_zapped", r.getLong(11))
        .put("dvm_count", r.getLong(5))
        .put("announced_dvm_count", r.getLong(6))
        .put("avg_response_seconds", r.getDouble(7))
        .put("success_rate", r.getDouble(8))
        .put("p50_response_seconds", r.getLong(9))
        .put("p95_response_seconds", r.getLong(10));
  }

  /** The window fields every answer starts with. */
  static JsonObject windowJson(Window w) {
    return new JsonObject().put("range", w.range()).put("window_start", w.isAll() ? null : w.start())
        .put("now", w.now());
  }

  /** Time series per docs/metrics.md; {@code kind} and {@code dvm} are optional filters. */
  public Future<JsonObject> timeseries(Window w, Integer kind, String dvm) {
    return rows.timeseries(w, kind, dvm).map(series -> windowJson(w).put("bucket_seconds", w.bucketSeconds())
        .put("points", series.points()).put("truncated", series.truncated()));
  }
}

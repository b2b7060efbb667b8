package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of DVM health for the API: one DVM's state, uptime and outages (its changes of the last 30 days plus the one
 * before, through the (dvm, at) key), and the list of recently seen DVMs with their state.
 */
public final class HealthRepository {

  public static final long DAY = 86_400;
  /** A DVM is listed by /api/health while its latest evidence is at most this old. */
  public static final long LIST_SECONDS = 7 * DAY;
  private static final int MAX_OUTAGES = 100;
  private static final JsonObject NO_PERCENTILES = new JsonObject().putNull("p50").putNull("p95");

  private static final String ONE = """
      SELECT h.state, h.since, h.cause, h.last_beat, h.evaluated_to,
             EXISTS (SELECT 1 FROM dvms d WHERE d.pubkey = $1) AS known,
             coalesce((SELECT a.name FROM announcements a WHERE a.pubkey = $1 AND a.name IS NOT NULL
                       ORDER BY a.created_at DESC, a.event_id LIMIT 1),
                      (SELECT p.name FROM profiles p WHERE p.pubkey = $1)) AS name
      FROM (SELECT 1) x LEFT JOIN dvm_health h ON h.dvm = $1""";
  private static final String CHANGES = """
      (SELECT at, state, cause FROM health_changes WHERE dvm = $1 AND at <= $2 ORDER BY at DESC LIMIT 1)
      UNION ALL
      (SELECT at, state, cause FROM health_changes WHERE dvm = $1 AND at > $2 ORDER BY at)
      ORDER BY at""";
  private static final String LIST = """
      SELECT h.dvm, h.state, h.since, h.cause, h.last_beat, h.last_evidence, h.dvm = ANY($2) AS watched,
             coalesce((SELECT a.name FROM announcements a WHERE a.pubkey = h.dvm AND a.name IS NOT NULL
                       ORDER BY a.created_at DESC, a.event_id LIMIT 1), p.name) AS name
      FROM dvm_health h LEFT JOIN profiles p ON p.pubkey = h.dvm
      WHERE h.last_evidence >= $1 OR h.dvm = ANY($2)
      ORDER BY h.dvm = ANY($2) DESC, CASE h.state WHEN 'down' THEN 0 WHEN 'degraded' THEN 1 WHEN 'up' THEN 2 ELSE 3 END, h.dvm""";

  /** Seconds a ping may wait for its pong before it counts as failed. */
  public static final long PROBE_TIMEOUT = 60;
  private static final String LAST_PROBE = """
      SELECT sent_at, pong_at, ping_id FROM health_probes
      WHERE dvm = $1 AND (pong_at IS NOT NULL OR sent_at <= $2) ORDER BY sent_at DESC LIMIT 1""";
  /** Nearest-rank p50 / p95 (percentile_disc) of the answered pings of 24 h, 7 d and 30 d before $2. */
  private static final String PROBE_TIMES = """
      SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY pong_at - sent_at) FILTER (WHERE sent_at >= $2 - 86400),
             percentile_disc(0.95) WITHIN GROUP (ORDER BY pong_at - sent_at) FILTER (WHERE sent_at >= $2 - 86400),
             percentile_disc(0.5) WITHIN GROUP (ORDER BY pong_at - sent_at) FILTER (WHERE sent_at >= $2 - 604800),
             percentile_disc(0.95) WITHIN GROUP (ORDER BY pong_at - sent_at) FILTER (WHERE sent_at >= $2 - 604800),
             percentile_disc(0.5) WITHIN GROUP (ORDER BY pong_at - sent_at),
             percentile_disc(0.95) WITHIN GROUP (ORDER BY pong_at - sent_at)
      FROM health_probes WHERE dvm = $1 AND sent_at >= $2 - 2592000 AND pong_at IS NOT NULL""";
  /** Seconds a synthetic job may wait for its result before it counts as failed. */
  public static final long JOB_TIMEOUT = 300;
  private static final String LAST_JOB = """
      SELECT sent_at, kind, result_at, error, request_id FROM health_jobs
      WHERE dvm = $1 AND (result_at IS NOT NULL OR error IS NOT NULL OR sent_at <= $2) ORDER BY sent_at DESC LIMIT 1""";
  private static final String WATCHED = "SELECT dvm, state, last_beat FROM dvm_health WHERE dvm = ANY($1)";

  private final Pool pool;
  private final MaintenanceRepository maintenance;

  public HealthRepository(Pool pool) {
    this.pool = pool;
    this.maintenance = new MaintenanceRepository(pool);
  }

  /**
   * The health object of one DVM, or null when DVMDash has neither evidence nor a result or feedback of it;
   * {@code maintenance} lists its windows not yet ended.
   */
  public Future<JsonObject> dvm(String pubkey, long now) {
    return state(pubkey, now).compose(h -> h == null ? Future.succeededFuture(null)
        : maintenance.open(pubkey, now).map(w -> h.put("maintenance", MaintenanceRepository.toJson(w, now))));
  }

  private Future<JsonObject> state(String pubkey, long now) {
    return pool.preparedQuery(ONE).execute(Tuple.of(pubkey)).compose(rows -> {
      Row r = rows.iterator().next();
      if (r.getString("state") == null) {
        return Future.succeededFuture(Boolean.TRUE.equals(r.getBoolean("known"))
            ? silent(pubkey).put("name", r.getString("name")) : null);
      }
      Long evaluated = r.getLong("evaluated_to");
      long end = evaluated == null ? now : evaluated;
      return pool.preparedQuery(CHANGES).execute(Tuple.of(pubkey, end - 30 * DAY)).compose(changes ->
          probes(pubkey, now).map(probes -> {
        List<HealthHistory.Stored> stored = stored(changes);
        JsonArray outages = new JsonArray();
        for (HealthHistory.Outage o : HealthHistory.outages(stored, end - 30 * DAY)) {
          if (outages.size() < MAX_OUTAGES) {
            outages.add(new JsonObject().put("start", o.start()).put("end", o.end()).put("cause", o.cause()));
          }
        }
        return base(pubkey, r.getString("state"), r.getLong("since"), r.getString("cause"), r.getLong("last_beat"),
            evaluated)
            .put("name", r.getString("name"))
            .put("uptime", new JsonObject()
                .put("24h", HealthHistory.uptime(stored, end, DAY))
                .put("7d", HealthHistory.uptime(stored, end, 7 * DAY))
                .put("30d", HealthHistory.uptime(stored, end, 30 * DAY)))
            .put("outages", outages)
            .mergeIn(probes);
      }));
    });
  }

  /**
   * {@code last_probe}: the latest ping whose outcome is known (answered, or older than {@link #PROBE_TIMEOUT}):
   * {at, ok, seconds, ping_id}; {@code probe_seconds}: per window (24h, 7d, 30d before now) the nearest-rank p50 / p95
   * of the answered pings sent in it.
   */
  private Future<JsonObject> probes(String pubkey, long now) {
    Future<RowSet<Row>> last = pool.preparedQuery(LAST_PROBE).execute(Tuple.of(pubkey, now - PROBE_TIMEOUT));
    Future<RowSet<Row>> times = pool.preparedQuery(PROBE_TIMES).execute(Tuple.of(pubkey, now));
    Future<RowSet<Row>> job = pool.preparedQuery(LAST_JOB).execute(Tuple.of(pubkey, now - JOB_TIMEOUT));
    return Future.all(last, times, job).map(v -> {
      JsonObject out = new JsonObject();
      if (job.result().size() > 0) {
        Row r = job.result().iterator().next();
        Long result = r.getLong(2);
        boolean ok = result != null && result - r.getLong(0) <= JOB_TIMEOUT;
        out.put("last_job", new JsonObject().put("at", r.getLong(0)).put("kind", r.getInteger(1)).put("ok", ok)
            .put("seconds", result == null ? null : result - r.getLong(0))
            .put("error", r.getString(3) != null ? r.getString(3) : ok ? null : "no result within " + JOB_TIMEOUT + " s")
            .put("request_id", r.getString(4)));
      }
      if (last.result().size() > 0) {
        Row r = last.result().iterator().next();
        Long pong = r.getLong(1);
        out.put("last_probe", new JsonObject().put("at", r.getLong(0)).put("ok", pong != null)
            .put("seconds", pong == null ? null : pong - r.getLong(0)).put("ping_id", r.getString(2)));
      }
      Row t = times.result().iterator().next();
      out.put("probe_seconds", new JsonObject()
          .put("24h", new JsonObject().put("p50", t.getLong(0)).put("p95", t.getLong(1)))
          .put("7d", new JsonObject().put("p50", t.getLong(2)).put("p95", t.getLong(3)))
          .put("30d", new JsonObject().put("p50", t.getLong(4)).put("p95", t.getLong(5))));
      return out;
    });
  }

  /**
   * Watched DVMs (with evidence) and DVMs with evidence in the last 7 days: watched first, then down, degraded, up,
   * silent; ties by pubkey.
   */
  public Future<JsonObject> list(long now, List<String> watched) {
    return pool.preparedQuery(LIST).execute(Tuple.of(now - LIST_SECONDS, (Object) watched.toArray(String[]::new)))
        .map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("pubkey", r.getString("dvm")).put("name", r.getString("name"))
            .put("state", r.getString("state")).put("since", r.getLong("since")).put("cause", r.getString("cause"))
            .put("last_heartbeat_at", r.getLong("last_beat")).put("last_evidence_at", r.getLong("last_evidence"))
            .put("watched", r.getBoolean("watched")));
      }
      return new JsonObject().put("now", now).put("dvms", out);
    });
  }

  /** State and latest heartbeat of the given DVMs (those with evidence). */
  public Future<java.util.Map<String, HealthMeters.Watched>> watched(List<String> pubkeys) {
    if (pubkeys.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return pool.preparedQuery(WATCHED).execute(Tuple.of((Object) pubkeys.toArray(String[]::new))).map(rows -> {
      java.util.Map<String, HealthMeters.Watched> out = new java.util.HashMap<>();
      for (Row r : rows) {
        out.put(r.getString(0), new HealthMeters.Watched(HealthState.of(r.getString(1)), r.getLong(2)));
      }
      return out;
    });
  }

  private static List<HealthHistory.Stored> stored(RowSet<Row> rows) {
    List<HealthHistory.Stored> out = new ArrayList<>();
    for (Row c : rows) {
      out.add(new HealthHistory.Stored(c.getLong(0), HealthState.of(c.getString(1)), c.getString(2)));
    }
    return out;
  }

  private static JsonObject silent(String pubkey) {
    return base(pubkey, HealthState.SILENT.wire(), null, "no evidence", null, null)
        .put("uptime", new JsonObject().putNull("24h").putNull("7d").putNull("30d"))
        .put("outages", new JsonArray());
  }

  private static JsonObject base(String pubkey, String state, Long since, String cause, Long lastBeat,
                                 Long evaluatedAt) {
    return new JsonObject().put("pubkey", pubkey).put("state", state).put("since", since).put("cause", cause)
        .put("last_heartbeat_at", lastBeat)
        .putNull("last_probe")
        .putNull("last_job")
        .put("probe_seconds", new JsonObject().put("24h", NO_PERCENTILES.copy()).put("7d", NO_PERCENTILES.copy())
            .put("30d", NO_PERCENTILES.copy()))
        .put("evaluated_at", evaluatedAt);
  }
}

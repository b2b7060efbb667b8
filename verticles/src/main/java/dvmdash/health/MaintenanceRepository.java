package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Maintenance windows ({@code health_maintenance}), at most {@link #MAX_OPEN} not yet ended per DVM. */
public final class MaintenanceRepository {

  public static final int MAX_OPEN = 20;
  private static final String COLUMNS = "id, dvm, starts_at, ends_at, note ";
  private static final String OPEN_OF = "SELECT " + COLUMNS + """
       FROM health_maintenance WHERE dvm = $1 AND ends_at > $2 ORDER BY starts_at, id""";
  private static final String OPEN_ALL = "SELECT " + COLUMNS + """
       FROM health_maintenance WHERE ends_at > $1 ORDER BY starts_at, id LIMIT 1000""";
  /** A window covers the change's time, or the time of the change it ends (an episode that began in maintenance). */
  private static final String MUTES = """
      SELECT 1 FROM health_maintenance m,
           (SELECT max(at) AS at FROM health_changes WHERE dvm = $1 AND at < $2) p
      WHERE m.dvm = $1 AND ((m.starts_at <= $2 AND m.ends_at > $2) OR (m.starts_at <= p.at AND m.ends_at > p.at))
      LIMIT 1""";
  /**
   * Claims (once, across nodes) the windows whose DVM is decided past their end: with the DVM's state then, so a DVM
   * still down or degraded since a change inside the window gets a follow-up.
   */
  private static final String ENDED = """
      UPDATE health_maintenance m SET end_checked = true FROM dvm_health h
      WHERE h.dvm = m.dvm AND NOT m.end_checked AND h.evaluated_to >= m.ends_at
      RETURNING m.id, m.dvm, m.starts_at, m.ends_at, m.note, h.state, h.since, h.cause""";
  private static final String ADD = """
      INSERT INTO health_maintenance (dvm, starts_at, ends_at, note, created_at)
      SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM health_maintenance WHERE dvm = $1 AND ends_at > $5) < $6
      RETURNING id""";

  private final Pool pool;

  public MaintenanceRepository(Pool pool) {
    this.pool = pool;
  }

  /** The windows of a DVM not ended at {@code now}, by start. */
  public Future<List<MaintenanceWindow>> open(String dvm, long now) {
    return pool.preparedQuery(OPEN_OF).execute(Tuple.of(dvm, now)).map(MaintenanceRepository::windows);
  }

  /** Every window not ended at {@code now} (at most 1,000), by start. */
  public Future<List<MaintenanceWindow>> open(long now) {
    return pool.preparedQuery(OPEN_ALL).execute(Tuple.of(now)).map(MaintenanceRepository::windows);
  }

  /**
   * True when a change of the DVM at {@code t} is muted: a window covers {@code t} or the time of the DVM's previous
   * change (the episode it ends began in maintenance).
   */
  public Future<Boolean> mutes(String dvm, long t) {
    return pool.preparedQuery(MUTES).execute(Tuple.of(dvm, t)).map(rows -> rows.size() > 0);
  }

  /** A window whose end was checked: the DVM's state, since and cause when it was. */
  public record Ended(MaintenanceWindow window, HealthState state, Long since, String cause) {

    /** Still down or degraded since a change inside the window (that change was muted). */
    public boolean needsFollowUp() {
      return (state == HealthState.DOWN || state == HealthState.DEGRADED) && since != null
          && window.covers(since);
    }
  }

  /** Claims the windows whose end the evaluator has passed (each once, across nodes). */
  public Future<List<Ended>> claimEnded() {
    return pool.query(ENDED).execute().map(rows -> {
      List<Ended> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Ended(new MaintenanceWindow(r.getLong(0), r.getString(1), r.getLong(2), r.getLong(3),
            r.getString(4)), HealthState.of(r.getString(5)), r.getLong(6), r.getString(7)));
      }
      return out;
    });
  }

  /** Stores a window; resolves to its id, or null when the DVM already has {@link #MAX_OPEN} open windows. */
  public Future<Long> add(MaintenanceWindow w, long now) {
    return pool.preparedQuery(ADD).execute(Tuple.of(w.dvm(), w.start(), w.end(), w.note(), now, MAX_OPEN))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** Deletes a window; false when there is none with that id. */
  public Future<Boolean> remove(long id) {
    return pool.preparedQuery("DELETE FROM health_maintenance WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  public static JsonArray toJson(List<MaintenanceWindow> windows, long now) {
    JsonArray out = new JsonArray();
    windows.forEach(w -> out.add(w.toJson(now)));
    return out;
  }

  private static List<MaintenanceWindow> windows(RowSet<Row> rows) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new MaintenanceWindow(r.getLong(0), r.getString(1), r.getLong(2), r.getLong(3), r.getString(4)));
    }
    return out;
  }
}

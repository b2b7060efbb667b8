package dvmdash.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The health part of a retention run (inside its transaction, docs/maintenance.md), bounded by the minute horizon:
 * evidence minutes and probes older than {@link #MARGIN} before it, state changes before it except each DVM's latest
 * (it decides the state at the start of every window the API reads: at most 30 days, the horizon is at least 31
 * back), synthetic jobs sent before it, and maintenance windows ended before it. The evaluator never re-decides
 * before the horizon (health.HealthEvaluator), and the margin keeps the evidence its look-back needs there.
 */
public final class HealthRetention {

  /** The tables a run deletes from (a bulk load rewrites them afterwards to return the space). */
  public static final List<String> TABLES = List.of("health_evidence", "health_probes", "health_jobs",
      "health_changes", "health_maintenance");

  /** Evidence and probes are kept this long before the horizon (the evaluator's look-back from the horizon). */
  public static final long MARGIN = 86_400;

  private static final String EVIDENCE = "DELETE FROM health_evidence WHERE minute < $1";
  private static final String PROBES = "DELETE FROM health_probes WHERE sent_at < $1";
  private static final String CHANGES = """
      DELETE FROM health_changes c WHERE c.at < $1
        AND EXISTS (SELECT 1 FROM health_changes n WHERE n.dvm = c.dvm AND n.at > c.at AND n.at <= $1)""";
  private static final String JOBS = "DELETE FROM health_jobs WHERE sent_at < $1";
  private static final String MAINTENANCE = "DELETE FROM health_maintenance WHERE ends_at < $1";

  private HealthRetention() {
  }

  /** Resolves to the number of rows deleted from the five tables. */
  public static Future<Long> prune(SqlConnection conn, long minuteHorizon) {
    Tuple early = Tuple.of(minuteHorizon - MARGIN);
    Tuple horizon = Tuple.of(minuteHorizon);
    long[] n = new long[1];
    return conn.preparedQuery(EVIDENCE).execute(early).map(r -> n[0] += r.rowCount())
        .compose(v -> conn.preparedQuery(PROBES).execute(early)).map(r -> n[0] += r.rowCount())
        .compose(v -> conn.preparedQuery(JOBS).execute(horizon)).map(r -> n[0] += r.rowCount())
        .compose(v -> conn.preparedQuery(CHANGES).execute(horizon)).map(r -> n[0] += r.rowCount())
        .compose(v -> conn.preparedQuery(MAINTENANCE).execute(horizon)).map(r -> n[0] += r.rowCount());
  }
}

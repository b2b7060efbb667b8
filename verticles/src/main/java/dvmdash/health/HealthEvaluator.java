package dvmdash.health;

import dvmdash.store.EvidenceMinute;
import dvmdash.store.HealthRetention;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation round: moves every DVM with evidence forward to the grid point {@code now − settle} (floored to the
 * minute) through {@link HealthMachine}, storing each state change in {@code health_changes} and the state in
 * {@code dvm_health}, one short transaction per DVM (its row locked, so evaluators on several nodes never decide the
 * same DVM twice and a batch adding evidence meanwhile marks it dirty afterwards). A DVM whose evidence arrived
 * after its grid point was decided is re-decided from its last change at or before that evidence (the hysteresis
 * carries nothing across a change), so late events give the same history as timely ones.
 */
public final class HealthEvaluator {

  /** A state change decided in a round. */
  public record Decided(String dvm, HealthMachine.Change change) {
  }

  private static final int MAX_DVMS_PER_ROUND = 2_000;
  private static final String ADVANCE_QUIET = """
      UPDATE dvm_health SET evaluated_to = $1
      WHERE evaluated_to IS NOT NULL AND evaluated_to < $1 AND dirty_from IS NULL AND pending_state IS NULL
        AND last_evidence + 60 + $2 <= evaluated_to
        AND state = CASE WHEN first_beat IS NULL THEN 'silent' ELSE 'down' END""";
  private static final String HORIZON = "SELECT minute_horizon FROM retention_state WHERE id = 1";
  private static final String DUE = """
      SELECT dvm FROM dvm_health WHERE evaluated_to IS NULL OR dirty_from IS NOT NULL OR evaluated_to < $1
      ORDER BY dvm LIMIT""" + " " + MAX_DVMS_PER_ROUND;
  private static final String LOCK_ONE = """
      SELECT first_evidence, first_beat, dirty_from, evaluated_to, state, since, cause, pending_state, pending_since,
             pending_cause
      FROM dvm_health WHERE dvm = $1 FOR UPDATE""";
  private static final String LAST_CHANGE_AT_OR_BEFORE = """
      SELECT at, state FROM health_changes WHERE dvm = $1 AND at <= $2 ORDER BY at DESC LIMIT 1""";
  private static final String DROP_CHANGES_AFTER = "DELETE FROM health_changes WHERE dvm = $1 AND at > $2";
  private static final String EVIDENCE = """
      SELECT minute, beats, results, errors, last_beat FROM health_evidence
      WHERE dvm = $1 AND minute >= $2 AND minute < $3 ORDER BY minute""";
  private static final String PROBES = """
      SELECT sent_at, pong_at FROM health_probes WHERE dvm = $1 AND sent_at >= $2 AND sent_at < $3""";
  private static final String INSERT_CHANGES = """
      INSERT INTO health_changes (dvm, at, state, previous, cause)
      SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])
      ON CONFLICT (dvm, at) DO UPDATE SET state = excluded.state, previous = excluded.previous, cause = excluded.cause""";
  private static final String SAVE = """
      UPDATE dvm_health SET evaluated_to = $2, dirty_from = NULL, state = $3, since = $4, cause = $5,
        pending_state = $6, pending_since = $7, pending_cause = $8
      WHERE dvm = $1""";

  private final Pool pool;
  private final HealthRules rules;
  private final HealthMachine machine;

  public HealthEvaluator(Pool pool, HealthRules rules) {
    this.pool = pool;
    this.rules = rules;
    this.machine = new HealthMachine(rules);
  }

  /** Resolves to the number of DVMs never decided or with late evidence to re-decide. */
  public Future<Long> pending() {
    return pool.query("SELECT count(*) FROM dvm_health WHERE evaluated_to IS NULL OR dirty_from IS NOT NULL")
        .execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** The grid point decided up to at {@code now}. */
  public long gridAt(long now) {
    return Math.floorDiv(now - rules.settleSeconds(), 60) * 60;
  }

  /** Runs one round at {@code now}; resolves to the changes decided (oldest first per DVM). */
  public Future<List<Decided>> run(long now) {
    long grid = gridAt(now);
    List<Decided> out = new ArrayList<>();
    Long[] floor = new Long[1];
    return pool.query(HORIZON).execute()
        .map(rows -> floor[0] = rows.size() == 0 ? null : rows.iterator().next().getLong(0))
        .compose(v -> pool.preparedQuery(ADVANCE_QUIET).execute(Tuple.of(grid, rules.lookbackSeconds())))
        .compose(v -> pool.preparedQuery(DUE).execute(Tuple.of(grid)))
        .compose(rows -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row r : rows) {
            String dvm = r.getString(0);
            chain = chain.compose(v -> pool.withTransaction(conn -> evaluate(conn, dvm, grid, floor[0]))
                .map(changes -> {
                  for (HealthMachine.Change c : changes) {
                    out.add(new Decided(dvm, c));
                  }
                  return (Void) null;
                }));
          }
          return chain;
        })
        .map(v -> out);
  }

  /**
   * @param floor the retention's minute horizon (a UTC day, so a grid point), or null: evidence before it may be gone
   *              (kept from {@link HealthRetention#MARGIN} before it), so nothing is re-decided before it; the state
   *              there is that of the latest change before it (kept by retention)
   */
  private Future<List<HealthMachine.Change>> evaluate(SqlConnection conn, String dvm, long grid, Long floor) {
    return conn.preparedQuery(LOCK_ONE).execute(Tuple.of(dvm)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      Row r = rows.iterator().next();
      long firstEvidence = r.getLong("first_evidence");
      Long firstBeat = r.getLong("first_beat");
      Long dirty = r.getLong("dirty_from");
      Long evaluatedTo = r.getLong("evaluated_to");
      if (evaluatedTo != null && dirty == null) {
        if (evaluatedTo >= grid) {
          return Future.succeededFuture(List.of());
        }
        HealthMachine.Snapshot s = new HealthMachine.Snapshot(HealthState.of(r.getString("state")),
            r.getLong("since"), HealthState.of(r.getString("pending_state")), r.getLong("pending_since"),
            r.getString("pending_cause"));
        return decide(conn, dvm, s, r.getString("cause"), firstBeat, atLeast(evaluatedTo + 60, floor), grid);
      }
      // first evaluation, or re-decision after late evidence: from the last change at or before it (or from scratch),
      // never before the retention floor
      long restartBefore = dirty == null ? Long.MIN_VALUE : atLeast(dirty, floor);
      Future<Row> last = dirty == null ? Future.succeededFuture(null)
          : conn.preparedQuery(LAST_CHANGE_AT_OR_BEFORE).execute(Tuple.of(dvm, restartBefore))
              .map(rs -> rs.size() == 0 ? null : rs.iterator().next());
      return last.compose(change -> {
        long from = atLeast(change == null ? Math.floorDiv(firstEvidence, 60) * 60 + 60 : change.getLong(0) + 60,
            floor);
        HealthMachine.Snapshot s = change == null ? HealthMachine.Snapshot.INITIAL
            : HealthMachine.Snapshot.changed(HealthState.of(change.getString(1)), change.getLong(0));
        long keepUpTo = change == null ? Long.MIN_VALUE : change.getLong(0);
        return conn.preparedQuery(DROP_CHANGES_AFTER).execute(Tuple.of(dvm, keepUpTo))
            .compose(v -> causeOf(conn, dvm, change))
            .compose(cause -> decide(conn, dvm, s, cause, firstBeat, from, grid));
      });
    });
  }

  private static long atLeast(long t, Long floor) {
    return floor == null ? t : Math.max(t, floor);
  }

  private static Future<String> causeOf(SqlConnection conn, String dvm, Row change) {
    if (change == null) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery("SELECT cause FROM health_changes WHERE dvm = $1 AND at = $2")
        .execute(Tuple.of(dvm, change.getLong(0)))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString(0));
  }

  private Future<List<HealthMachine.Change>> decide(SqlConnection conn, String dvm, HealthMachine.Snapshot start,
                                                    String startCause, Long firstBeat, long from, long grid) {
    if (from > grid) {
      return save(conn, dvm, start, startCause, grid).map(List.of());
    }
    long evidenceFrom = from - rules.lookbackSeconds() - 60;
    Future<io.vertx.sqlclient.RowSet<Row>> probeRows = conn.preparedQuery(PROBES)
        .execute(Tuple.of(dvm, evidenceFrom - HealthRepository.PROBE_TIMEOUT, grid));
    return probeRows.compose(pr -> conn.preparedQuery(EVIDENCE).execute(Tuple.of(dvm, evidenceFrom, grid))
        .compose(rows -> {
      List<EvidenceMinute> evidence = new ArrayList<>(rows.size());
      for (Row e : rows) {
        evidence.add(new EvidenceMinute(e.getLong(0), e.getInteger(1), e.getInteger(2), e.getInteger(3),
            e.getLong(4)));
      }
      HealthMachine.Outcome o = machine.run(start, evidence, probeOutcomes(pr), firstBeat, from, grid);
      List<HealthMachine.Change> changes = o.changes();
      String cause = changes.isEmpty() ? startCause : changes.get(changes.size() - 1).cause();
      Future<Void> write = Future.succeededFuture();
      if (!changes.isEmpty()) {
        int n = changes.size();
        Long[] at = new Long[n];
        String[] state = new String[n];
        String[] previous = new String[n];
        String[] causes = new String[n];
        for (int i = 0; i < n; i++) {
          HealthMachine.Change c = changes.get(i);
          at[i] = c.at();
          state[i] = c.state().wire();
          previous[i] = c.previous().wire();
          causes[i] = c.cause();
        }
        write = conn.preparedQuery(INSERT_CHANGES).execute(Tuple.of(dvm, at, state, previous, causes)).mapEmpty();
      }
      return write.compose(v -> save(conn, dvm, o.snapshot(), cause, grid)).map(changes);
    }));
  }

  /**
   * Probe outcomes by the time they are known: answered within {@link HealthRepository#PROBE_TIMEOUT} at the pong's
   * time, else failed at sent + timeout; ascending.
   */
  static List<HealthMachine.ProbeOutcome> probeOutcomes(Iterable<Row> rows) {
    List<HealthMachine.ProbeOutcome> out = new ArrayList<>();
    for (Row r : rows) {
      long sent = r.getLong(0);
      Long pong = r.getLong(1);
      boolean ok = pong != null && pong - sent <= HealthRepository.PROBE_TIMEOUT;
      out.add(new HealthMachine.ProbeOutcome(ok ? Math.max(sent, pong) : sent + HealthRepository.PROBE_TIMEOUT, ok));
    }
    out.sort(java.util.Comparator.comparingLong(HealthMachine.ProbeOutcome::at)
        .thenComparing(HealthMachine.ProbeOutcome::ok));
    return out;
  }

  private static Future<Void> save(SqlConnection conn, String dvm, HealthMachine.Snapshot s, String cause,
                                   long grid) {
    return conn.preparedQuery(SAVE).execute(Tuple.of(dvm, grid, s.state().wire(), s.lastChangeAt(), cause,
            s.pendingState() == null ? null : s.pendingState().wire(), s.pendingSince(), s.pendingCause()))
        .mapEmpty();
  }
}

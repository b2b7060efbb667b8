package dvmdash.store;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's health evidence inside the batch's transaction (called by the rollup writer with the batch's new
 * events only, so replays add nothing): per-minute sums into {@code health_evidence}, and per DVM its evidence span,
 * heartbeat span and, when the evidence is older than what the evaluator already decided, {@code dirty_from}.
 */
public final class HealthEvidenceWriter {

  private static final String ADD_EVIDENCE = """
      INSERT INTO health_evidence AS h (dvm, minute, beats, results, errors, last_beat)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::bigint[])
      ON CONFLICT (dvm, minute) DO UPDATE SET beats = h.beats + excluded.beats, results = h.results + excluded.results,
        errors = h.errors + excluded.errors, last_beat = greatest(h.last_beat, excluded.last_beat)""";
  private static final String TOUCH_DVMS = """
      INSERT INTO dvm_health AS d (dvm, first_evidence, last_evidence, first_beat, last_beat)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
      ON CONFLICT (dvm) DO UPDATE SET
        first_evidence = least(d.first_evidence, excluded.first_evidence),
        last_evidence = greatest(d.last_evidence, excluded.last_evidence),
        first_beat = least(d.first_beat, excluded.first_beat),
        last_beat = greatest(d.last_beat, excluded.last_beat),
        dirty_from = CASE WHEN d.evaluated_to IS NOT NULL AND excluded.first_evidence + 60 <= d.evaluated_to
                          THEN least(coalesce(d.dirty_from, excluded.first_evidence), excluded.first_evidence)
                          ELSE d.dirty_from END""";

  private static final String PONGS = """
      UPDATE health_probes p SET pong_at = t.at, pong_id = t.id
      FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS t(ref, dvm, id, at)
      WHERE p.ping_id = t.ref AND p.dvm = t.dvm AND (p.pong_at IS NULL OR t.at < p.pong_at)""";

  /** A pong decides a grid point after it: when that one was already decided, the DVM is re-decided. */
  private static final String PONG_DIRTY = """
      UPDATE dvm_health d SET dirty_from = least(coalesce(d.dirty_from, t.m), t.m)
      FROM (SELECT dvm, min(at) / 60 * 60 AS m FROM unnest($1::text[], $2::bigint[]) AS u(dvm, at) GROUP BY dvm) t
      WHERE d.dvm = t.dvm AND d.evaluated_to IS NOT NULL AND t.m + 60 <= d.evaluated_to""";

  private HealthEvidenceWriter() {
  }

  /** The first result of a synthetic job, and the first error or payment-required feedback (we never pay). */
  private static final String JOB_OUTCOMES = """
      UPDATE health_jobs j SET
        result_at = CASE WHEN t.id IS NULL THEN j.result_at ELSE least(coalesce(j.result_at, t.at), t.at) END,
        result_id = CASE WHEN t.id IS NOT NULL AND (j.result_at IS NULL OR t.at < j.result_at) THEN t.id
                         ELSE j.result_id END,
        error = CASE WHEN t.id IS NULL AND j.error IS NULL THEN t.error ELSE j.error END
      FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS t(ref, dvm, id, at, error)
      WHERE j.request_id = t.ref AND j.dvm = t.dvm""";

  public static Future<Void> write(SqlConnection conn, Collection<NostrEvent> fresh) {
    return pongs(conn, fresh).compose(v -> jobs(conn, fresh)).compose(v -> evidence(conn, fresh));
  }

  /** Outcomes of synthetic jobs: results (6000-6999) and error / payment-required feedback referencing a request. */
  private static Future<Void> jobs(SqlConnection conn, Collection<NostrEvent> fresh) {
    java.util.Map<String, Object[]> byRef = new java.util.LinkedHashMap<>();
    for (NostrEvent e : fresh) {
      boolean result = e.kind() >= 6000 && e.kind() <= 6999;
      String status = e.kind() == 7000 ? Classifier.feedbackStatus(e) : null;
      boolean failed = "error".equals(status) || "payment-required".equals(status);
      String r = result || failed ? Classifier.requestRef(e) : null;
      if (r != null) {
        String error = failed ? status + (e.content().isBlank() ? "" : ": " + e.content().strip()) : null;
        if (error != null && error.length() > 200) {
          error = error.substring(0, 200);
        }
        // one row per (request, author) and batch: a result wins over feedback, the earliest result over later ones
        byRef.merge(r + e.pubkey(), new Object[] {r, e.pubkey(), result ? e.id() : null, e.createdAt(), error},
            (a, b) -> a[2] != null && (b[2] == null || (long) a[3] <= (long) b[3]) ? a : b[2] != null ? b : a);
      }
    }
    if (byRef.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = byRef.size();
    String[] ref = new String[n];
    String[] dvm = new String[n];
    String[] id = new String[n];
    Long[] at = new Long[n];
    String[] error = new String[n];
    int i = 0;
    for (Object[] o : byRef.values()) {
      ref[i] = (String) o[0];
      dvm[i] = (String) o[1];
      id[i] = (String) o[2];
      at[i] = (Long) o[3];
      error[i] = (String) o[4];
      i++;
    }
    return conn.preparedQuery(JOB_OUTCOMES).execute(Tuple.of(ref, dvm, id, at, error)).mapEmpty();
  }

  /**
   * Answers to our pings: kind 7000 with status {@code pong} whose {@code e} tag is a ping we recorded (also called by
   * the probes for a pong heard on a relay the collector does not read; recording one twice changes nothing).
   */
  public static Future<Void> pongs(SqlConnection conn, Collection<NostrEvent> fresh) {
    List<String> ref = new java.util.ArrayList<>();
    List<String> dvm = new java.util.ArrayList<>();
    List<String> id = new java.util.ArrayList<>();
    List<Long> at = new java.util.ArrayList<>();
    for (NostrEvent e : fresh) {
      String r = e.kind() == 7000 && "pong".equals(Classifier.feedbackStatus(e)) ? Classifier.requestRef(e) : null;
      if (r != null) {
        ref.add(r);
        dvm.add(e.pubkey());
        id.add(e.id());
        at.add(e.createdAt());
      }
    }
    if (ref.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(PONGS).execute(Tuple.of(ref.toArray(String[]::new), dvm.toArray(String[]::new),
        id.toArray(String[]::new), at.toArray(Long[]::new)))
        .compose(v -> conn.preparedQuery(PONG_DIRTY).execute(Tuple.of(dvm.toArray(String[]::new),
            (Object) at.toArray(Long[]::new))))
        .mapEmpty();
  }

  private static Future<Void> evidence(SqlConnection conn, Collection<NostrEvent> fresh) {
    List<HealthEvidence.Row> rows = HealthEvidence.of(fresh);
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = rows.size();
    String[] dvm = new String[n];
    Long[] minute = new Long[n];
    Integer[] beats = new Integer[n];
    Integer[] results = new Integer[n];
    Integer[] errors = new Integer[n];
    Long[] lastBeat = new Long[n];
    Map<String, Long[]> spans = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      HealthEvidence.Row r = rows.get(i);
      EvidenceMinute m = r.evidence();
      dvm[i] = r.dvm();
      minute[i] = m.minute();
      beats[i] = m.beats();
      results[i] = m.results();
      errors[i] = m.errors();
      lastBeat[i] = m.lastBeat();
      Long[] s = spans.computeIfAbsent(r.dvm(), k -> new Long[] {m.minute(), m.minute(), null, null});
      s[0] = Math.min(s[0], m.minute());
      s[1] = Math.max(s[1], m.minute());
      if (m.lastBeat() != null) {
        // the earliest beat of a minute is not kept; the minute's start bounds it from below for "ever beat before t"
        s[2] = s[2] == null ? m.minute() : Math.min(s[2], m.minute());
        s[3] = s[3] == null ? m.lastBeat() : Math.max(s[3], m.lastBeat());
      }
    }
    int k = spans.size();
    String[] sd = new String[k];
    Long[] first = new Long[k];
    Long[] last = new Long[k];
    Long[] firstBeat = new Long[k];
    Long[] lastB = new Long[k];
    int i = 0;
    for (Map.Entry<String, Long[]> e : spans.entrySet()) {
      sd[i] = e.getKey();
      first[i] = e.getValue()[0];
      last[i] = e.getValue()[1];
      firstBeat[i] = e.getValue()[2];
      lastB[i] = e.getValue()[3];
      i++;
    }
    return conn.preparedQuery(ADD_EVIDENCE).execute(Tuple.of(dvm, minute, beats, results, errors, lastBeat))
        .compose(v -> conn.preparedQuery(TOUCH_DVMS).execute(Tuple.of(sd, first, last, firstBeat, lastB)))
        .mapEmpty();
  }
}

package dvmdash.store;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code job_status} table: written in the rollup transaction from new events only ({@link JobStatusDelta}),
 * read by the jobs list as pages of request ids, newest request first, from an index whatever the filter.
 */
public final class JobStatusRepository {

  private static final String LATER = """
      (excluded.last_feedback_at IS NOT NULL AND (j.last_feedback_at IS NULL
        OR (excluded.last_feedback_at, excluded.last_feedback_id) > (j.last_feedback_at, j.last_feedback_id)))""";
  private static final String UPSERT = """
      INSERT INTO job_status AS j (request_id, kind, requester, created_at, results, feedback, last_feedback_at,
                                   last_feedback_id, last_feedback_status)
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::int[], $6::int[], $7::bigint[],
                           $8::text[], $9::text[])
      ON CONFLICT (request_id) DO UPDATE SET
        kind = coalesce(excluded.kind, j.kind),
        requester = coalesce(excluded.requester, j.requester),
        created_at = coalesce(excluded.created_at, j.created_at),
        results = j.results + excluded.results,
        feedback = j.feedback + excluded.feedback,
        last_feedback_at = CASE WHEN %1$s THEN excluded.last_feedback_at ELSE j.last_feedback_at END,
        last_feedback_id = CASE WHEN %1$s THEN excluded.last_feedback_id ELSE j.last_feedback_id END,
        last_feedback_status = CASE WHEN %1$s THEN excluded.last_feedback_status ELSE j.last_feedback_status END"""
      .formatted(LATER);

  /** A page of the jobs list: each filter optional; {@code dvm} = requests that p-tag it or that it answered. */
  public record Query(Integer kind, String requester, String status, String dvm, Long until, int limit) {
  }

  /** One listed job: its request id and request time. */
  public record Listed(String requestId, long createdAt) {
  }

  private final Pool pool;

  public JobStatusRepository(Pool pool) {
    this.pool = pool;
  }

  /** Adds the new events' effects (call once per new event, inside the rollup transaction). */
  static Future<Void> write(SqlConnection conn, Collection<NostrEvent> fresh) {
    Collection<JobStatusDelta.Row> rows = JobStatusDelta.of(fresh);
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(UPSERT).execute(Tuple.wrap(List.of(
        Columns.text(rows, r -> r.requestId), Columns.int4(rows, r -> r.kind), Columns.text(rows, r -> r.requester),
        Columns.int8(rows, r -> r.createdAt), Columns.int4(rows, r -> r.results), Columns.int4(rows, r -> r.feedback),
        Columns.int8(rows, r -> r.lastFeedbackAt), Columns.text(rows, r -> r.lastFeedbackId),
        Columns.text(rows, r -> r.lastFeedbackStatus)))).mapEmpty();
  }

  /**
   * Recomputes every row from the raw events in PostgreSQL, in one transaction (after raw events were moved in
   * from an earlier version's store). Resolves to the number of events read.
   */
  public static Future<Long> rebuildFromRawEvents(Pool pool) {
    return pool.withTransaction(conn -> conn.query("DELETE FROM job_status").execute()
        .compose(v -> rebuildPages(conn, new PgEventStore(conn), null, null, 0)));
  }

  private static Future<Long> rebuildPages(SqlConnection conn, PgEventStore events, Long afterTime, String afterId,
                                           long done) {
    return events.ascending(0, null, null, afterTime, afterId, 5000).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture(done);
      }
      List<NostrEvent> batch = page.stream().map(StoredEvent::event).toList();
      StoredEvent last = page.get(page.size() - 1);
      return write(conn, batch).compose(v -> page.size() < 5000 ? Future.succeededFuture(done + page.size())
          : rebuildPages(conn, events, last.event().createdAt(), last.id(), done + page.size()));
    });
  }

  /**
   * Newest first (request created_at, then id, both descending), {@code until} inclusive. With a DVM filter the
   * read walks that DVM's job pairs by request time ({@code job_pairs_dvm_time}), else {@code job_status}'s own
   * time indexes.
   */
  public Future<List<Listed>> page(Query q) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    String time;
    if (q.dvm() != null) {
      params.add(q.dvm());
      sql.append("SELECT j.request_id, j.created_at FROM job_pairs p JOIN job_status j ON j.request_id = p.request_id"
          + " WHERE p.dvm = $1 AND p.request_at IS NOT NULL");
      time = "p.pair_time";
    } else {
      sql.append("SELECT j.request_id, j.created_at FROM job_status j WHERE j.created_at IS NOT NULL");
      time = "j.created_at";
    }
    if (q.kind() != null) {
      params.add(q.kind());
      sql.append(" AND j.kind = $").append(params.size());
    }
    if (q.requester() != null) {
      params.add(q.requester());
      sql.append(" AND j.requester = $").append(params.size());
    }
    if (q.status() != null) {
      params.add(q.status());
      sql.append(" AND j.status = $").append(params.size());
    }
    if (q.until() != null) {
      params.add(q.until());
      sql.append(" AND ").append(time).append(" <= $").append(params.size());
    }
    params.add(q.limit());
    sql.append(" ORDER BY ").append(time).append(" DESC, j.request_id DESC LIMIT $").append(params.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.wrap(params)).map(rows -> {
      List<Listed> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new Listed(r.getString(0), r.getLong(1)));
      }
      return out;
    });
  }
}

package dvmdash.store;

import dvmdash.processor.RollupPlan;
import dvmdash.processor.RollupPlan.Counts;
import dvmdash.processor.RollupPlan.MinuteKey;
import dvmdash.processor.RollupPlan.UnresolvedFeedback;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a batch to the PostgreSQL rollups in one transaction: records which event ids are new, then updates every
 * rollup from the new events only. Replaying a batch (or part of one) changes nothing.
 */
public final class RollupRepository {

  /** Serializes rollup writers across processes so that feedback/request resolution never races. */
  static final long ROLLUP_LOCK = 0x44564d44L;

  private static final String INSERT_SEEN = """
      INSERT INTO seen_events (id, kind, created_at)
      SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[])
      ON CONFLICT DO NOTHING
      RETURNING id""";
  private static final String SELECT_REQUEST_KINDS = "SELECT id, kind FROM requests WHERE id = ANY($1::text[])";
  private static final String TAKE_UNRESOLVED = """
      DELETE FROM unresolved_feedback WHERE request_id = ANY($1::text[])
      RETURNING event_id, request_id, dvm, minute, is_error""";
  private static final String INSERT_REQUESTS = """
      INSERT INTO requests (id, kind, author, created_at)
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[])
      ON CONFLICT DO NOTHING""";
  private static final String UPSERT_USERS = """
      INSERT INTO users AS u (pubkey, first_seen, last_seen, requests)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
      ON CONFLICT (pubkey) DO UPDATE SET first_seen = least(u.first_seen, excluded.first_seen),
        last_seen = greatest(u.last_seen, excluded.last_seen), requests = u.requests + excluded.requests""";
  private static final String UPSERT_DVMS = """
      INSERT INTO dvms AS d (pubkey, first_seen, last_seen)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
      ON CONFLICT (pubkey) DO UPDATE SET first_seen = least(d.first_seen, excluded.first_seen),
        last_seen = greatest(d.last_seen, excluded.last_seen)
      RETURNING pubkey, (xmax = 0) AS inserted""";
  private static final String UPSERT_TAGGED_PAIRS = """
      INSERT INTO job_pairs AS j (request_id, dvm, kind, customer, request_at, p_tagged)
      SELECT t.*, true FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[]) AS t
      ON CONFLICT (request_id, dvm) DO UPDATE SET kind = excluded.kind, customer = excluded.customer,
        request_at = excluded.request_at, p_tagged = true""";
  private static final String LINK_LATE_REQUESTS = """
      UPDATE job_pairs j SET kind = r.kind, customer = r.author, request_at = r.created_at
      FROM requests r
      WHERE r.id = ANY($1::text[]) AND j.request_id = r.id AND j.request_at IS NULL""";
  private static final String NEWER_AMOUNT = """
      (excluded.amount_at IS NOT NULL AND (j.amount_at IS NULL OR excluded.amount_at > j.amount_at
        OR (excluded.amount_at = j.amount_at AND excluded.amount_event < j.amount_event)))""";
  private static final String UPSERT_PAIRS = """
      INSERT INTO job_pairs AS j (request_id, dvm, kind, customer, request_at, first_response_at, first_result_at,
                                  results, feedback, amount_msat, amount_at, amount_event)
      SELECT d.request_id, d.dvm, coalesce(r.kind, d.result_kind), r.author, r.created_at, d.first_response_at,
             d.first_result_at, d.results, d.feedback, d.amount_msat, d.amount_at, d.amount_event
      FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::int[], $7::int[], $8::bigint[],
                  $9::bigint[], $10::text[])
        AS d(request_id, dvm, result_kind, first_response_at, first_result_at, results, feedback, amount_msat,
             amount_at, amount_event)
      LEFT JOIN requests r ON r.id = d.request_id
      ON CONFLICT (request_id, dvm) DO UPDATE SET
        kind = CASE WHEN j.request_at IS NOT NULL THEN j.kind
                    WHEN excluded.request_at IS NOT NULL THEN excluded.kind
                    ELSE least(j.kind, excluded.kind) END,
        customer = coalesce(j.customer, excluded.customer),
        request_at = coalesce(j.request_at, excluded.request_at),
        first_response_at = least(j.first_response_at, excluded.first_response_at),
        first_result_at = least(j.first_result_at, excluded.first_result_at),
        results = j.results + excluded.results,
        feedback = j.feedback + excluded.feedback,
        amount_msat = CASE WHEN %1$s THEN excluded.amount_msat ELSE j.amount_msat END,
        amount_at = CASE WHEN %1$s THEN excluded.amount_at ELSE j.amount_at END,
        amount_event = CASE WHEN %1$s THEN excluded.amount_event ELSE j.amount_event END"""
      .formatted(NEWER_AMOUNT);
  private static final String INSERT_UNRESOLVED = """
      INSERT INTO unresolved_feedback (event_id, request_id, dvm, minute, is_error)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[])
      ON CONFLICT DO NOTHING""";
  private static final String UPSERT_MINUTE_COUNTS = """
      INSERT INTO minute_counts AS m (minute, kind, dvm, requests, results, feedback, errors, zapped_sats)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                           $7::bigint[], $8::bigint[])
      ON CONFLICT (minute, kind, dvm) DO UPDATE SET requests = m.requests + excluded.requests,
        results = m.results + excluded.results, feedback = m.feedback + excluded.feedback,
        errors = m.errors + excluded.errors, zapped_sats = m.zapped_sats + excluded.zapped_sats""";
  private static final String INSERT_KIND_USERS = """
      INSERT INTO kind_users (minute, kind, pubkey)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING""";
  private static final String INSERT_KIND_DVMS = """
      INSERT INTO kind_dvms (minute, kind, dvm)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[]) ON CONFLICT DO NOTHING""";
  private static final String UPSERT_ANNOUNCEMENTS = """
      INSERT INTO announcements AS a (pubkey, d, event_id, created_at, kinds, name, about, picture)
      SELECT p, d, id, at, k::int[], n, ab, pic
      FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
        AS t(p, d, id, at, k, n, ab, pic)
      ON CONFLICT (pubkey, d) DO UPDATE SET event_id = excluded.event_id, created_at = excluded.created_at,
        kinds = excluded.kinds, name = excluded.name, about = excluded.about, picture = excluded.picture
      WHERE excluded.created_at > a.created_at
        OR (excluded.created_at = a.created_at AND excluded.event_id < a.event_id)""";
  private static final String UPSERT_PROFILES = """
      INSERT INTO profiles AS p (pubkey, event_id, created_at, name, about, picture)
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[])
      ON CONFLICT (pubkey) DO UPDATE SET event_id = excluded.event_id, created_at = excluded.created_at,
        name = excluded.name, about = excluded.about, picture = excluded.picture
      WHERE excluded.created_at > p.created_at
        OR (excluded.created_at = p.created_at AND excluded.event_id < p.event_id)""";

  private static final String ADVANCE_FENCE = """
      UPDATE rollup_fence SET token = $1, updated_at = now() WHERE id = 1 AND token < $1""";

  /** What a committed batch changed. */
  public record Applied(List<NostrEvent> newEvents, List<String> newDvms) {
  }

  private final Pool pool;

  public RollupRepository(Pool pool) {
    this.pool = pool;
  }

  /** Applies the events (distinct ids) in one transaction; resolves to the subset that was new. */
  public Future<Applied> apply(Collection<NostrEvent> events) {
    return apply(events, null);
  }

  /**
   * As {@link #apply(Collection)}, fenced: with a non-null {@code fenceToken} the transaction first moves the stored
   * token up to it and fails with {@link FencedException} (changing nothing) when the stored one is not smaller.
   */
  public Future<Applied> apply(Collection<NostrEvent> events, Long fenceToken) {
    return apply(events, fenceToken, null);
  }

  /**
   * As {@link #apply(Collection, Long)}, running {@code first} (the raw events' insert) at the start of the same
   * transaction, before the rollup lock so that parallel batches insert their raw events in parallel; it commits or
   * rolls back with the rollups.
   */
  public Future<Applied> apply(Collection<NostrEvent> events, Long fenceToken,
                               Function<SqlConnection, Future<Void>> first) {
    if (events.isEmpty() && first == null) {
      return Future.succeededFuture(new Applied(List.of(), List.of()));
    }
    return pool.withTransaction(conn -> (first == null ? Future.<Void>succeededFuture() : first.apply(conn))
        .compose(v -> conn.query("SELECT pg_advisory_xact_lock(" + ROLLUP_LOCK + ")").execute())
        .compose(v -> fence(conn, fenceToken))
        .compose(v -> events.isEmpty() ? Future.succeededFuture(List.<NostrEvent>of()) : markSeen(conn, events))
        .compose(fresh -> fresh.isEmpty()
            ? Future.succeededFuture(new Applied(List.of(), List.of()))
            : applyNew(conn, fresh)));
  }

  private static Future<Void> fence(SqlConnection conn, Long token) {
    if (token == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(ADVANCE_FENCE).execute(Tuple.of(token)).compose(rows -> rows.rowCount() == 1
        ? Future.succeededFuture()
        : Future.failedFuture(new FencedException("fencing token " + token + " is stale: a newer lock holder committed")));
  }

  private Future<List<NostrEvent>> markSeen(SqlConnection conn, Collection<NostrEvent> events) {
    return conn.preparedQuery(INSERT_SEEN)
        .execute(Tuple.of(Columns.text(events, NostrEvent::id), Columns.int4(events, NostrEvent::kind),
            Columns.int8(events, NostrEvent::createdAt)))
        .map(rows -> {
          Set<String> fresh = new HashSet<>();
          for (Row r : rows) {
            fresh.add(r.getString(0));
          }
          List<NostrEvent> out = new ArrayList<>(fresh.size());
          for (NostrEvent e : events) {
            if (fresh.contains(e.id())) {
              out.add(e);
            }
          }
          return out;
        });
  }

  private Future<Applied> applyNew(SqlConnection conn, List<NostrEvent> fresh) {
    String[] refs = RollupPlan.feedbackRefsOutsideBatch(fresh).toArray(String[]::new);
    String[] requestIds = RollupPlan.requestIds(fresh).toArray(String[]::new);
    Future<Map<String, Integer>> kindsF = refs.length == 0
        ? Future.succeededFuture(Map.of())
        : conn.preparedQuery(SELECT_REQUEST_KINDS).execute(Tuple.of((Object) refs)).map(rows -> {
          Map<String, Integer> m = new HashMap<>();
          for (Row r : rows) {
            m.put(r.getString(0), r.getInteger(1));
          }
          return m;
        });
    return kindsF.compose(kinds -> JobStatusRepository.write(conn, fresh).map(kinds))
        .compose(kinds -> takeUnresolved(conn, requestIds)
        .compose(resolved -> write(conn, fresh, requestIds, RollupPlan.build(fresh, kinds, resolved))));
  }

  private Future<List<UnresolvedFeedback>> takeUnresolved(SqlConnection conn, String[] requestIds) {
    if (requestIds.length == 0) {
      return Future.succeededFuture(List.of());
    }
    return conn.preparedQuery(TAKE_UNRESOLVED).execute(Tuple.of((Object) requestIds)).map(rows -> {
      List<UnresolvedFeedback> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new UnresolvedFeedback(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
            r.getBoolean(4)));
      }
      return out;
    });
  }

  private Future<Applied> write(SqlConnection conn, List<NostrEvent> fresh, String[] requestIds, RollupPlan plan) {
    List<String> newDvms = new ArrayList<>();
    Future<?> f = Future.succeededFuture();
    if (!plan.requests.isEmpty()) {
      var rows = plan.requests;
      f = f.compose(v -> exec(conn, INSERT_REQUESTS, Columns.text(rows, RollupPlan.RequestRow::id),
          Columns.int4(rows, RollupPlan.RequestRow::kind), Columns.text(rows, RollupPlan.RequestRow::author),
          Columns.int8(rows, RollupPlan.RequestRow::createdAt)));
      var users = plan.users.values();
      f = f.compose(v -> exec(conn, UPSERT_USERS, Columns.text(users, RollupPlan.UserDelta::pubkey),
          Columns.int8(users, RollupPlan.UserDelta::firstSeen), Columns.int8(users, RollupPlan.UserDelta::lastSeen),
          Columns.int8(users, RollupPlan.UserDelta::requests)));
      f = f.compose(v -> exec(conn, LINK_LATE_REQUESTS, (Object) requestIds));
    }
    if (!plan.taggedPairs.isEmpty()) {
      var rows = plan.taggedPairs.values();
      f = f.compose(v -> exec(conn, UPSERT_TAGGED_PAIRS, Columns.text(rows, RollupPlan.TaggedPair::requestId),
          Columns.text(rows, RollupPlan.TaggedPair::dvm), Columns.int4(rows, RollupPlan.TaggedPair::kind),
          Columns.text(rows, RollupPlan.TaggedPair::customer), Columns.int8(rows, RollupPlan.TaggedPair::requestAt)));
    }
    if (!plan.pairDeltas.isEmpty()) {
      var rows = plan.pairDeltas.values();
      f = f.compose(v -> exec(conn, UPSERT_PAIRS, Columns.text(rows, p -> p.requestId),
          Columns.text(rows, p -> p.dvm), Columns.int4(rows, p -> p.resultKind),
          Columns.int8(rows, p -> p.firstResponseAt), Columns.int8(rows, p -> p.firstResultAt),
          Columns.int4(rows, p -> p.results), Columns.int4(rows, p -> p.feedback),
          Columns.int8(rows, p -> p.amountMsat), Columns.int8(rows, p -> p.amountAt),
          Columns.text(rows, p -> p.amountEvent)));
    }
    if (!plan.unresolved.isEmpty()) {
      var rows = plan.unresolved;
      f = f.compose(v -> exec(conn, INSERT_UNRESOLVED, Columns.text(rows, UnresolvedFeedback::eventId),
          Columns.text(rows, UnresolvedFeedback::requestId), Columns.text(rows, UnresolvedFeedback::dvm),
          Columns.int8(rows, UnresolvedFeedback::minute), Columns.bool(rows, UnresolvedFeedback::error)));
    }
    if (!plan.minuteCounts.isEmpty()) {
      var keys = plan.minuteCounts.keySet();
      Map<MinuteKey, Counts> c = plan.minuteCounts;
      f = f.compose(v -> exec(conn, UPSERT_MINUTE_COUNTS, Columns.int8(keys, MinuteKey::minute),
          Columns.int4(keys, MinuteKey::kind), Columns.text(keys, MinuteKey::dvm),
          Columns.int8(keys, k -> c.get(k).requests), Columns.int8(keys, k -> c.get(k).results),
          Columns.int8(keys, k -> c.get(k).feedback), Columns.int8(keys, k -> c.get(k).errors),
          Columns.int8(keys, k -> c.get(k).zappedSats)));
    }
    f = insertMembership(f, conn, INSERT_KIND_USERS, plan.kindUsers);
    f = insertMembership(f, conn, INSERT_KIND_DVMS, plan.kindDvms);
    if (!plan.dvms.isEmpty()) {
      var rows = plan.dvms.values();
      f = f.compose(v -> conn.preparedQuery(UPSERT_DVMS).execute(Tuple.of(
          Columns.text(rows, RollupPlan.DvmDelta::pubkey), Columns.int8(rows, RollupPlan.DvmDelta::firstSeen),
          Columns.int8(rows, RollupPlan.DvmDelta::lastSeen))).map(result -> {
            for (Row r : result) {
              if (Boolean.TRUE.equals(r.getBoolean(1))) {
                newDvms.add(r.getString(0));
              }
            }
            return null;
          }));
    }
    if (!plan.announcements.isEmpty()) {
      var rows = plan.announcements.values();
      f = f.compose(v -> exec(conn, UPSERT_ANNOUNCEMENTS, Columns.text(rows, RollupPlan.AnnouncementRow::pubkey),
          Columns.text(rows, RollupPlan.AnnouncementRow::d), Columns.text(rows, RollupPlan.AnnouncementRow::eventId),
          Columns.int8(rows, RollupPlan.AnnouncementRow::createdAt),
          Columns.text(rows, a -> Columns.intArrayLiteral(a.kinds())),
          Columns.text(rows, RollupPlan.AnnouncementRow::name), Columns.text(rows, RollupPlan.AnnouncementRow::about),
          Columns.text(rows, RollupPlan.AnnouncementRow::picture)));
    }
    if (!plan.profiles.isEmpty()) {
      var rows = plan.profiles.values();
      f = f.compose(v -> exec(conn, UPSERT_PROFILES, Columns.text(rows, RollupPlan.ProfileRow::pubkey),
          Columns.text(rows, RollupPlan.ProfileRow::eventId), Columns.int8(rows, RollupPlan.ProfileRow::createdAt),
          Columns.text(rows, RollupPlan.ProfileRow::name), Columns.text(rows, RollupPlan.ProfileRow::about),
          Columns.text(rows, RollupPlan.ProfileRow::picture)));
    }
    return f.map(v -> new Applied(fresh, newDvms));
  }

  /** Every DVM pubkey seen so far. */
  public Future<List<String>> knownDvms() {
    return pool.query("SELECT pubkey FROM dvms ORDER BY pubkey").execute().map(rows -> {
      List<String> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(r.getString(0));
      }
      return out;
    });
  }

  private static Future<?> insertMembership(Future<?> f, SqlConnection conn, String sql, Set<MinuteKey> keys) {
    if (keys.isEmpty()) {
      return f;
    }
    return f.compose(v -> exec(conn, sql, Columns.int8(keys, MinuteKey::minute), Columns.int4(keys, MinuteKey::kind),
        Columns.text(keys, MinuteKey::dvm)));
  }

  private static Future<?> exec(SqlConnection conn, String sql, Object... columns) {
    return conn.preparedQuery(sql).execute(Tuple.wrap(List.of(columns)));
  }
}

package dvmdash.store;

import dvmdash.shared.config.RetentionConfig;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.PairRollupDelta.PairRow;
import dvmdash.store.RollupPlan.UnresolvedFeedback;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Applies a batch to the PostgreSQL rollups in one transaction: finds which events are new (with raw events in the
 * same transaction, those whose raw row it inserted first, less ids retention deleted; otherwise by recording the ids
 * in seen_events), then updates every rollup from the new events only. Replaying a batch (or part of one) changes
 * nothing. Counters and memberships go to the minute, hour and day tiers and the all-time totals with the same deltas
 * ({@link CountTierWriter}); the job-pair rollups get
 * {@link PairRollupDelta}s of the pairs the batch touched, read (locked) before and after the pair writes.
 */
public final class RollupRepository {

  /** Serializes rollup writers across processes so that feedback/request resolution never races. */
  static final long ROLLUP_LOCK = 0x44564d44L;

  private static final String INSERT_SEEN = """
      INSERT INTO seen_events (id, kind, created_at)
      SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[])
      ON CONFLICT DO NOTHING
      RETURNING id""";
  private static final String SELECT_TOMBSTONES = "SELECT id FROM seen_events WHERE id = ANY($1::text[])";
  /** Requests stored by earlier batches (job_status has every request seen: created_at is set once it is). */
  private static final String SELECT_REQUEST_KINDS = "SELECT request_id, kind FROM job_status"
      + " WHERE request_id = ANY($1::text[]) AND created_at IS NOT NULL";
  private static final String TAKE_UNRESOLVED = """
      DELETE FROM unresolved_feedback WHERE request_id = ANY($1::text[])
      RETURNING event_id, request_id, dvm, minute, is_error""";
  private static final String UPSERT_USERS = """
      INSERT INTO users AS u (pubkey, first_seen, last_seen, requests)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[])
      ON CONFLICT (pubkey) DO UPDATE SET first_seen = least(u.first_seen, excluded.first_seen),
        last_seen = greatest(u.last_seen, excluded.last_seen), requests = u.requests + excluded.requests
      RETURNING (xmax = 0) AS inserted""";
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
      UPDATE job_pairs j SET kind = r.kind, customer = r.requester, request_at = r.created_at
      FROM job_status r
      WHERE r.request_id = ANY($1::text[]) AND r.created_at IS NOT NULL AND j.request_id = r.request_id
        AND j.request_at IS NULL""";
  private static final String NEWER_AMOUNT = """
      (excluded.amount_at IS NOT NULL AND (j.amount_at IS NULL OR excluded.amount_at > j.amount_at
        OR (excluded.amount_at = j.amount_at AND excluded.amount_event < j.amount_event)))""";
  private static final String UPSERT_PAIRS = """
      INSERT INTO job_pairs AS j (request_id, dvm, kind, customer, request_at, first_response_at, first_result_at,
                                  results, feedback, amount_msat, amount_at, amount_event)
      SELECT d.request_id, d.dvm, coalesce(r.kind, d.result_kind), r.requester, r.created_at, d.first_response_at,
             d.first_result_at, d.results, d.feedback, d.amount_msat, d.amount_at, d.amount_event
      FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::int[], $7::int[], $8::bigint[],
                  $9::bigint[], $10::text[])
        AS d(request_id, dvm, result_kind, first_response_at, first_result_at, results, feedback, amount_msat,
             amount_at, amount_event)
      LEFT JOIN job_status r ON r.request_id = d.request_id AND r.created_at IS NOT NULL
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
  private static final String COUNT_NEW_IDENTITIES = """
      UPDATE global_totals SET unique_users = unique_users + $1, unique_dvms = unique_dvms + $2 WHERE id = 1""";
  private static final String UPSERT_ANNOUNCEMENTS = """
      INSERT INTO announcements AS a (pubkey, d, event_id, created_at, kinds, name, about, picture, kind, relays)
      SELECT p, d, id, at, k::int[], n, ab, pic, kd, r::text[]
      FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::int[], $10::text[]) AS t(p, d, id, at, k, n, ab, pic, kd, r)
      ON CONFLICT (pubkey, kind, d) DO UPDATE SET event_id = excluded.event_id, created_at = excluded.created_at,
        kinds = excluded.kinds, name = excluded.name, about = excluded.about, picture = excluded.picture,
        relays = excluded.relays
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

  /**
   * What a committed batch changed; {@code requestKinds} holds the kind of every known request that a new result or
   * feedback of the batch references (for live views that follow a kind).
   */
  public record Applied(List<NostrEvent> newEvents, List<String> newDvms, Map<String, Integer> requestKinds) {

    static Applied nothing() {
      return new Applied(List.of(), List.of(), Map.of());
    }
  }

  private final Pool pool;
  private final LongSupplier keptFromMinute;

  /** Writes every tier for every event. */
  public RollupRepository(Pool pool) {
    this(pool, () -> Long.MIN_VALUE);
  }

  /**
   * Writes minute and hour rows only for buckets from {@code keptFromMinute} on: older ones are the rows retention
   * deletes because no figure reads them, so an import of old history does not write them only to have them deleted.
   * The day tier and the totals get every event.
   */
  public RollupRepository(Pool pool, LongSupplier keptFromMinute) {
    this.pool = pool;
    this.keptFromMinute = keptFromMinute;
  }

  /** As configured: with retention on, minute and hour rows older than its horizon are not written (the same rule). */
  public static RollupRepository forConfig(Pool pool, JsonObject root) {
    RetentionConfig cfg = RetentionConfig.fromJson(root);
    if (!cfg.enabled() || cfg.minuteDays() == 0) {
      return new RollupRepository(pool);
    }
    return new RollupRepository(pool,
        () -> Retention.minuteHorizon(System.currentTimeMillis() / 1000, cfg.minuteDays()) / 60);
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
                               Function<SqlConnection, Future<Set<String>>> first) {
    if (events.isEmpty() && first == null) {
      return Future.succeededFuture(Applied.nothing());
    }
    return pool.withTransaction(conn -> (first == null ? Future.<Set<String>>succeededFuture(null) : first.apply(conn))
        .compose(stored -> conn.query("SELECT pg_advisory_xact_lock(" + ROLLUP_LOCK + ")").execute()
            .compose(v -> fence(conn, fenceToken))
            .compose(v -> events.isEmpty() ? Future.succeededFuture(List.<NostrEvent>of())
                : stored == null ? markSeen(conn, events) : notTombstoned(conn, events, stored)))
        .compose(fresh -> fresh.isEmpty()
            ? Future.succeededFuture(Applied.nothing())
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

  /**
   * The new events when the raw events share this transaction: those whose raw row was inserted now ({@code stored}),
   * less those whose earlier copy retention deleted (their ids were kept in seen_events), which were counted already.
   * So raw events in PostgreSQL need no seen_events row of their own.
   */
  private static Future<List<NostrEvent>> notTombstoned(SqlConnection conn, Collection<NostrEvent> events,
                                                        Set<String> stored) {
    if (stored.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return conn.preparedQuery(SELECT_TOMBSTONES).execute(Tuple.of((Object) stored.toArray(String[]::new)))
        .map(rows -> {
          Set<String> counted = new HashSet<>();
          for (Row r : rows) {
            counted.add(r.getString(0));
          }
          List<NostrEvent> out = new ArrayList<>(stored.size());
          for (NostrEvent e : events) {
            if (stored.contains(e.id()) && !counted.contains(e.id())) {
              out.add(e);
            }
          }
          return out;
        });
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
        .compose(kinds -> HealthEvidenceWriter.write(conn, fresh).map(kinds))
        .compose(kinds -> takeUnresolved(conn, requestIds)
        .compose(resolved -> write(conn, fresh, requestIds, RollupPlan.build(fresh, kinds, resolved))
            .map(applied -> new Applied(applied.newEvents(), applied.newDvms(), requestKinds(fresh, kinds)))));
  }

  /** Kinds of the requests in the batch and of those it references that were stored before. */
  private static Map<String, Integer> requestKinds(List<NostrEvent> fresh, Map<String, Integer> stored) {
    Map<String, Integer> out = new HashMap<>(stored);
    for (NostrEvent e : fresh) {
      if (e.kind() >= 5000 && e.kind() <= 5999) {
        out.put(e.id(), e.kind());
      }
    }
    return out;
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
    long keep = keptFromMinute.getAsLong();
    List<String> newDvms = new ArrayList<>();
    long[] newUsers = {0};
    String[] pairRequests = pairRequests(plan, requestIds);
    List<PairRow> pairsBefore = new ArrayList<>();
    Future<?> f = pairRequests.length == 0 ? Future.succeededFuture()
        : PairRollupWriter.readPairs(conn, pairRequests).map(pairsBefore::addAll);
    if (!plan.requests.isEmpty()) {
      // the batch's requests are in job_status already (JobStatusRepository.write ran first)
      var users = plan.users.values();
      f = f.compose(v -> exec(conn, UPSERT_USERS, Columns.text(users, RollupPlan.UserDelta::pubkey),
          Columns.int8(users, RollupPlan.UserDelta::firstSeen), Columns.int8(users, RollupPlan.UserDelta::lastSeen),
          Columns.int8(users, RollupPlan.UserDelta::requests)).map(result -> {
            for (Row r : result) {
              if (Boolean.TRUE.equals(r.getBoolean(0))) {
                newUsers[0]++;
              }
            }
            return null;
          }));
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
    if (pairRequests.length > 0) {
      f = f.compose(v -> PairRollupWriter.readPairs(conn, pairRequests))
          .compose(after -> PairRollupWriter.write(conn, PairRollupDelta.between(pairsBefore, after), keep));
    }
    if (!plan.unresolved.isEmpty()) {
      var rows = plan.unresolved;
      f = f.compose(v -> exec(conn, INSERT_UNRESOLVED, Columns.text(rows, UnresolvedFeedback::eventId),
          Columns.text(rows, UnresolvedFeedback::requestId), Columns.text(rows, UnresolvedFeedback::dvm),
          Columns.int8(rows, UnresolvedFeedback::minute), Columns.bool(rows, UnresolvedFeedback::error)));
    }
    f = CountTierWriter.write(f, conn, plan, keep);
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
    f = f.compose(v -> newUsers[0] == 0 && newDvms.isEmpty() ? Future.succeededFuture()
        : exec(conn, COUNT_NEW_IDENTITIES, newUsers[0], (long) newDvms.size()));
    if (!plan.announcements.isEmpty()) {
      var rows = plan.announcements.values();
      f = f.compose(v -> exec(conn, UPSERT_ANNOUNCEMENTS, Columns.text(rows, RollupPlan.AnnouncementRow::pubkey),
          Columns.text(rows, RollupPlan.AnnouncementRow::d), Columns.text(rows, RollupPlan.AnnouncementRow::eventId),
          Columns.int8(rows, RollupPlan.AnnouncementRow::createdAt),
          Columns.text(rows, a -> Columns.intArrayLiteral(a.kinds())),
          Columns.text(rows, RollupPlan.AnnouncementRow::name), Columns.text(rows, RollupPlan.AnnouncementRow::about),
          Columns.text(rows, RollupPlan.AnnouncementRow::picture), Columns.int4(rows, RollupPlan.AnnouncementRow::kind),
          Columns.text(rows, a -> Columns.textArrayLiteral(a.relays()))));
    }
    if (!plan.profiles.isEmpty()) {
      var rows = plan.profiles.values();
      f = f.compose(v -> exec(conn, UPSERT_PROFILES, Columns.text(rows, RollupPlan.ProfileRow::pubkey),
          Columns.text(rows, RollupPlan.ProfileRow::eventId), Columns.int8(rows, RollupPlan.ProfileRow::createdAt),
          Columns.text(rows, RollupPlan.ProfileRow::name), Columns.text(rows, RollupPlan.ProfileRow::about),
          Columns.text(rows, RollupPlan.ProfileRow::picture)));
    }
    return f.map(v -> new Applied(fresh, newDvms, Map.of()));
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

  /** Requests whose pairs the batch may change: p-tagged by, answered by, or late-linked to this batch. */
  private static String[] pairRequests(RollupPlan plan, String[] requestIds) {
    Set<String> ids = new LinkedHashSet<>(List.of(requestIds));
    plan.taggedPairs.values().forEach(p -> ids.add(p.requestId()));
    plan.pairDeltas.values().forEach(p -> ids.add(p.requestId));
    return ids.toArray(String[]::new);
  }

  static Future<RowSet<Row>> exec(SqlConnection conn, String sql, Object... columns) {
    return conn.preparedQuery(sql).execute(Tuple.wrap(List.of(columns)));
  }
}

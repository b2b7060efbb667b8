package dvmdash.store;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Raw events in PostgreSQL, table {@code events} (schema versions 4, 19 and 22): each NIP-01 field once (id and
 * pubkey as bytes, created_at and kind in their columns; the tags array and the content string as the NIP-01 JSON
 * writes them, compressed; the signature as its 64 bytes), so the event is written back exactly as signed
 * ({@link StoredRow}), plus the columns its indexes need (referenced ids and pubkeys as bytes). Written inside the rollup transaction, so a batch's raw events and its rollups commit together.
 */
public final class PgEventStore implements RawEventStore {

  private static final String COLUMNS = StoredRow.COLUMNS;
  /**
   * The batch's relay URLs not seen before get their ids first (schema version 26), in the batch's transaction; the
   * statements after it map URLs to ids with a subquery planned with them.
   */
  private static final String ADD_URLS = "INSERT INTO relay_urls (url) SELECT x FROM unnest($1::text[]) AS x"
      + " ORDER BY x ON CONFLICT (url) DO NOTHING";
  private static final String INSERT = """
      INSERT INTO events AS ev (id, pubkey, created_at, kind, e_refs, p_refs, i_jobs, first_seen, relays, body, sig)
      SELECT decode(id, 'hex'), decode(pk, 'hex'), at, k, e::bytea[], p::bytea[], i::bytea[], fs,
             ARRAY(SELECT ru.id FROM relay_urls ru WHERE ru.url = ANY(r::text[]) ORDER BY ru.id), b, sg
      FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                  $9::text[], $10::bytea[], $11::bytea[]) AS t(id, pk, at, k, e, p, i, fs, r, b, sg)
      ON CONFLICT (id) DO UPDATE
        SET relays = ARRAY(SELECT DISTINCT x FROM unnest(ev.relays || excluded.relays) AS x ORDER BY x)
        WHERE NOT ev.relays @> excluded.relays
      RETURNING encode(id, 'hex'), (xmax = 0) AS inserted""";
  private static final String ADD_RELAYS = """
      UPDATE events AS ev
        SET relays = ARRAY(SELECT DISTINCT x FROM unnest(ev.relays || t.ids) AS x ORDER BY x)
      FROM (SELECT id, ARRAY(SELECT ru.id FROM relay_urls ru WHERE ru.url = ANY(r::text[]) ORDER BY ru.id) AS ids
            FROM unnest($1::bytea[], $2::text[]) AS u(id, r)) AS t
      WHERE ev.id = t.id AND NOT ev.relays @> t.ids""";
  private static final String DELETE_OLD = """
      WITH gone AS (DELETE FROM events WHERE created_at < $1 RETURNING encode(id, 'hex') AS id, kind, created_at),
      kept AS (INSERT INTO seen_events (id, kind, created_at) SELECT * FROM gone ON CONFLICT DO NOTHING)
      SELECT count(*) FROM gone""";
  /**
   * The kind of an event found through another index, as an expression no index serves: a prepared statement runs
   * with a generic plan after five executions, and one that does not know the kind range would AND the referenced-id
   * (or id) index with the kind index, reading hundreds of thousands of kind index entries per call (14 ms each at
   * 1M events, 0.4 ms with the referenced-id index alone).
   */
  private static final String FOUND_KIND = "kind + 0";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM events WHERE id = $1";
  private static final String BY_IDS = "SELECT " + COLUMNS + " FROM events WHERE id = ANY($1::bytea[])"
      + " AND " + FOUND_KIND + " BETWEEN $2 AND $3 ORDER BY created_at, id";
  private static final String REFERENCING = "SELECT " + COLUMNS + " FROM events WHERE e_refs && $1::bytea[]"
      + " AND " + FOUND_KIND + " BETWEEN $2 AND $3 ORDER BY created_at, id LIMIT $4";
  private static final String JOBS_TAKING = "SELECT " + COLUMNS + " FROM events WHERE i_jobs && $1::bytea[]"
      + " AND i_jobs <> '{}' AND kind BETWEEN 5000 AND 5999 ORDER BY created_at, id LIMIT $2";

  private final SqlClient pool;

  /** Reads go through {@code pool}: a pool, or one connection (for example inside a transaction). */
  public PgEventStore(SqlClient pool) {
    this.pool = pool;
  }

  @Override
  public boolean sharesRollupTransaction() {
    return true;
  }

  @Override
  public Future<Void> prepare() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> store(List<ReceivedEvent> received, SqlConnection tx) {
    return storeReturningNew(received, tx).mapEmpty();
  }

  @Override
  public Future<Set<String>> storeReturningNew(List<ReceivedEvent> received, SqlConnection tx) {
    // Sorted by id: concurrent batches lock rows in the same order, so they never deadlock.
    Map<String, NostrEvent> events = new TreeMap<>();
    Map<String, List<String>> relays = new TreeMap<>();
    Map<String, Long> firstSeen = new HashMap<>();
    for (ReceivedEvent r : received) {
      List<String> list = relays.computeIfAbsent(r.eventId(), k -> new ArrayList<>());
      if (!list.contains(r.relay())) {
        list.add(r.relay());
      }
      firstSeen.merge(r.eventId(), r.receivedAtMillis(), Math::min);
      if (r.event() != null) {
        events.putIfAbsent(r.eventId(), r.event());
      }
    }
    Set<String> inserted = new HashSet<>();
    Set<String> urls = new TreeSet<>();
    relays.values().forEach(urls::addAll);
    Future<?> f = urls.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(ADD_URLS).execute(Tuple.of(urls.toArray(String[]::new)));
    if (!events.isEmpty()) {
      int n = events.size();
      String[] ids = new String[n];
      String[] pubkeys = new String[n];
      Long[] times = new Long[n];
      Integer[] kinds = new Integer[n];
      String[] eRefs = new String[n];
      String[] pRefs = new String[n];
      String[] jobs = new String[n];
      Long[] seen = new Long[n];
      String[] rel = new String[n];
      Buffer[] bodies = new Buffer[n];
      Buffer[] sigs = new Buffer[n];
      int i = 0;
      for (NostrEvent e : events.values()) {
        EventRefs refs = EventRefs.of(e);
        ids[i] = e.id();
        pubkeys[i] = e.pubkey();
        times[i] = e.createdAt();
        kinds[i] = e.kind();
        eRefs[i] = Columns.byteaArrayLiteral(refs.events());
        pRefs[i] = Columns.byteaArrayLiteral(refs.pubkeys());
        jobs[i] = Columns.byteaArrayLiteral(refs.jobInputs());
        seen[i] = firstSeen.get(e.id());
        rel[i] = Columns.textArrayLiteral(relays.get(e.id()));
        bodies[i] = StoredRow.body(e);
        sigs[i] = StoredRow.sig(e);
        i++;
      }
      Tuple columns = Tuple.wrap(List.of(ids, pubkeys, times, kinds, eRefs, pRefs, jobs, seen, rel, bodies, sigs));
      f = f.compose(v -> tx.preparedQuery(INSERT).execute(columns).map(rows -> {
            for (Row r : rows) {
              if (Boolean.TRUE.equals(r.getBoolean(1))) {
                inserted.add(r.getString(0));
              }
            }
            return null;
          }));
    }
    List<Buffer> sightingIds = new ArrayList<>();
    List<String> sightingRelays = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : relays.entrySet()) {
      if (!events.containsKey(e.getKey())) {
        sightingIds.add(bytes(e.getKey()));
        sightingRelays.add(Columns.textArrayLiteral(e.getValue()));
      }
    }
    if (!sightingIds.isEmpty()) {
      f = f.compose(v -> tx.preparedQuery(ADD_RELAYS).execute(Tuple.wrap(List.of(sightingIds.toArray(Buffer[]::new),
          sightingRelays.toArray(String[]::new)))));
    }
    return f.map(v -> inserted);
  }

  @Override
  public Future<StoredEvent> byId(String id) {
    if (!Hex.isLowerHex(id, 64)) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(BY_ID).execute(Tuple.of(bytes(id))).map(rows -> {
      List<StoredEvent> list = toEvents(rows);
      return list.isEmpty() ? null : list.get(0);
    });
  }

  @Override
  public Future<List<StoredEvent>> byIds(Collection<String> ids, int kindFrom, int kindTo) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(BY_IDS).execute(Tuple.of(byteArray(ids), kindFrom, kindTo))
        .map(PgEventStore::toEvents);
  }

  @Override
  public Future<List<StoredEvent>> referencing(Collection<String> ids, int kindFrom, int kindTo, int limit) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(REFERENCING).execute(Tuple.of(byteArray(ids), kindFrom, kindTo, limit))
        .map(PgEventStore::toEvents);
  }

  @Override
  public Future<List<StoredEvent>> jobsTaking(Collection<String> requestIds, int limit) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(JOBS_TAKING).execute(Tuple.of(byteArray(requestIds), limit))
        .map(PgEventStore::toEvents);
  }

  @Override
  public Future<List<StoredEvent>> recent(EventQuery q) {
    if (!hexOrNull(q.author()) || !hexOrNull(q.ref()) || !hexOrNull(q.pTag()) || !hexOrNull(q.addressedTo())
        || !hexOrNull(q.afterId())) {
      return Future.succeededFuture(List.of()); // no stored event has such an id or key
    }
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("true");
    // with a referenced id or pubkey, that index finds the events and the kind only filters them
    String kind = q.ref() != null || q.pTag() != null || q.addressedTo() != null ? FOUND_KIND : "kind";
    if (!q.kindSet().isEmpty()) {
      // one index read per kind, each at most a page, merged: never every stored event of those kinds
      String rest = filters(q, params, new StringBuilder()).toString();
      String limit = param(params, q.limit());
      List<String> branches = new ArrayList<>();
      for (int k : q.kindSet()) {
        branches.add("(SELECT " + StoredRow.RAW_COLUMNS + " FROM events WHERE " + kind + " = " + param(params, k) + rest
            + " ORDER BY created_at DESC, id DESC LIMIT " + limit + ")");
      }
      String sql = "SELECT " + COLUMNS + " FROM (" + String.join(" UNION ALL ", branches)
          + ") u ORDER BY created_at DESC, id DESC LIMIT " + limit;
      return pool.preparedQuery(sql).execute(Tuple.wrap(params)).map(PgEventStore::toEvents);
    }
    if (!q.allKinds()) {
      if (q.kindFrom() == q.kindTo()) {
        where.append(" AND ").append(kind).append(" = ").append(param(params, q.kindFrom()));
      } else {
        where.append(" AND ").append(kind).append(" BETWEEN ").append(param(params, q.kindFrom())).append(" AND ")
            .append(param(params, q.kindTo()));
      }
    }
    filters(q, params, where);
    String sql = "SELECT " + COLUMNS + " FROM events WHERE " + where + " ORDER BY created_at DESC, id DESC LIMIT "
        + param(params, q.limit());
    return pool.preparedQuery(sql).execute(Tuple.wrap(params)).map(PgEventStore::toEvents);
  }

  /** Appends " AND ..." for every filter of {@code q} but the kinds. */
  private static StringBuilder filters(EventQuery q, List<Object> params, StringBuilder where) {
    if (q.author() != null) {
      // events_author_hash_time: the hash finds the author's events newest first, the pubkey itself confirms them
      where.append(" AND hashtextextended(encode(pubkey, 'hex'), 0) = hashtextextended(")
          .append(param(params, q.author())).append(", 0) AND pubkey = ").append(param(params, bytes(q.author())));
    }
    if (q.since() != null) {
      where.append(" AND created_at >= ").append(param(params, q.since()));
    }
    if (q.ref() != null) {
      where.append(" AND e_refs @> ARRAY[").append(param(params, bytes(q.ref()))).append("::bytea]");
    }
    if (q.pTag() != null) {
      where.append(" AND p_refs @> ARRAY[").append(param(params, bytes(q.pTag()))).append("::bytea]");
    }
    if (q.addressedTo() != null) {
      where.append(" AND (p_refs @> ARRAY[").append(param(params, bytes(q.addressedTo()))).append("::bytea] OR id = ANY(")
          .append(param(params, byteArray(q.answeredIds()))).append("::bytea[]))");
    }
    if (q.until() != null) {
      String until = param(params, q.until());
      where.append(" AND created_at <= ").append(until);
      if (q.afterId() != null) {
        where.append(" AND NOT (created_at = ").append(until).append(" AND id >= ")
            .append(param(params, bytes(q.afterId()))).append(")");
      }
    }
    return where;
  }

  @Override
  public Future<List<StoredEvent>> ascending(long since, Long until, Integer kind, Long afterCreatedAt,
                                             String afterId, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("created_at >= ").append(param(params, since));
    if (until != null) {
      where.append(" AND created_at <= ").append(param(params, until));
    }
    if (kind != null) {
      where.append(" AND kind = ").append(param(params, kind));
    }
    if (afterCreatedAt != null) {
      if (!Hex.isLowerHex(afterId, 64)) {
        return Future.failedFuture(new IllegalArgumentException("not an event id: " + afterId));
      }
      where.append(" AND (created_at, id) > (").append(param(params, afterCreatedAt)).append(", ")
          .append(param(params, bytes(afterId))).append("::bytea)");
    }
    String sql = "SELECT " + COLUMNS + " FROM events WHERE " + where + " ORDER BY created_at, id LIMIT "
        + param(params, limit);
    return pool.preparedQuery(sql).execute(Tuple.wrap(params)).map(PgEventStore::toEvents);
  }

  private static Buffer bytes(String hex) {
    return Buffer.buffer(Hex.decode(hex));
  }

  /** The ids among {@code hex} that can be stored ones, as bytes (any other matches nothing). */
  private static Buffer[] byteArray(Collection<String> hex) {
    return hex.stream().filter(h -> Hex.isLowerHex(h, 64)).map(PgEventStore::bytes).toArray(Buffer[]::new);
  }

  private static boolean hexOrNull(String value) {
    return value == null || Hex.isLowerHex(value, 64);
  }

  private static String param(List<Object> params, Object value) {
    params.add(value);
    return "$" + params.size();
  }

  /**
   * Deletes the raw events older than {@code createdAt}, keeping their ids in {@code seen_events} in the same
   * statement: the rollups count an event when its raw row is inserted for the first time, so a deleted event that a
   * relay sends again must be recognised as already counted.
   */
  @Override
  public Future<Long> deleteOlderThan(long createdAt) {
    return pool.preparedQuery(DELETE_OLD).execute(Tuple.of(createdAt)).map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM events").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private static List<StoredEvent> toEvents(RowSet<Row> rows) {
    List<StoredEvent> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(StoredRow.read(r));
    }
    return out;
  }

}

package dvmdash.store;

import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Collection;
import java.util.List;

/**
 * The raw event store: every verified event once, keyed by id, with the relays that delivered it. Two
 * implementations honour one contract ({@code RawEventStoreContract} in the tests): {@link PgEventStore} (the
 * single-machine default, in the rollups' PostgreSQL and their transaction) and {@link MongoEventStore} (the droplet
 * deployment, when {@code stores.mongo_uri} is set). Every read is answered from an index (docs/maintenance.md lists
 * which one per read), so its cost follows the rows it returns, not the stored history.
 */
public interface RawEventStore {

  /**
   * True when {@link #store} must run inside the rollup transaction (the same PostgreSQL): the raw events and the
   * rollups then commit together. Otherwise the pipeline stores raw events first, on their own.
   */
  boolean sharesRollupTransaction();

  /** Creates what the reads need (indexes); idempotent. */
  Future<Void> prepare();

  /**
   * Stores new events (the first copy wins) and adds every relay that delivered one, idempotently: a replayed batch
   * changes nothing. {@code tx} is the open rollup transaction when {@link #sharesRollupTransaction()}, else null.
   */
  Future<Void> store(List<ReceivedEvent> received, SqlConnection tx);

  /**
   * As {@link #store}, inside the rollup transaction {@code tx} (only for a store that
   * {@link #sharesRollupTransaction() shares it}): resolves to the ids of the events stored for the first time, which
   * are the batch's new events unless retention deleted an earlier copy (see {@code seen_events}).
   */
  default Future<java.util.Set<String>> storeReturningNew(List<ReceivedEvent> received, SqlConnection tx) {
    throw new UnsupportedOperationException("only a store that shares the rollup transaction knows its new ids");
  }

  /** One event, or null. */
  Future<StoredEvent> byId(String id);

  /** The events among {@code ids} whose kind is in {@code kindFrom..kindTo}, oldest first. */
  Future<List<StoredEvent>> byIds(Collection<String> ids, int kindFrom, int kindTo);

  /** Events of kinds {@code kindFrom..kindTo} with an {@code e} tag naming one of {@code ids}, oldest first. */
  Future<List<StoredEvent>> referencing(Collection<String> ids, int kindFrom, int kindTo, int limit);

  /** Job requests with an {@code i <id> job} input naming one of {@code requestIds}, oldest first. */
  Future<List<StoredEvent>> jobsTaking(Collection<String> requestIds, int limit);

  /** Newest first, as the query says. */
  Future<List<StoredEvent>> recent(EventQuery query);

  /**
   * Oldest first ({@code created_at}, then id) from {@code since} (inclusive) to {@code until} (inclusive, null: no
   * bound), optionally one kind, resuming after ({@code afterCreatedAt}, {@code afterId}) when those are given.
   */
  Future<List<StoredEvent>> ascending(long since, Long until, Integer kind, Long afterCreatedAt, String afterId,
                                      int limit);

  /** Deletes the events with {@code created_at} below {@code createdAt}; resolves to how many went. */
  Future<Long> deleteOlderThan(long createdAt);

  /** Number of stored events (from metadata where the store keeps it; may be an estimate for PostgreSQL). */
  Future<Long> count();

  Future<Void> close();
}

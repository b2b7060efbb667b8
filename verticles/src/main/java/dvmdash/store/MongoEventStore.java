package dvmdash.store;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.WriteOption;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw events in MongoDB (the droplet deployment's raw store), collection {@code events}, {@code _id} = event id.
 * Writes are idempotent upserts, so a replayed batch or the same event from another relay changes nothing but the
 * list of relays that delivered it. Only the standard client's operations that a real MongoDB answers from an index.
 */
public final class MongoEventStore implements RawEventStore {

  public static final String COLLECTION = "events";

  private final MongoClient mongo;

  public MongoEventStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  @Override
  public boolean sharesRollupTransaction() {
    return false;
  }

  /** Creates the lookup indexes (by id is the primary key); docs/maintenance.md lists which read uses which. */
  @Override
  public Future<Void> prepare() {
    return Future.all(List.of(
        index(new JsonObject().put("kind", 1).put("created_at", 1).put("_id", 1)),
        index(new JsonObject().put("pubkey", 1).put("created_at", 1).put("_id", 1)),
        index(new JsonObject().put("e", 1).put("created_at", 1).put("_id", 1)),
        index(new JsonObject().put("p", 1).put("created_at", 1).put("_id", 1)),
        index(new JsonObject().put("i_job", 1).put("created_at", 1).put("_id", 1)),
        index(new JsonObject().put("created_at", 1).put("_id", 1)))).mapEmpty();
  }

  private Future<Void> index(JsonObject keys) {
    return mongo.createIndexWithOptions(COLLECTION, keys, new IndexOptions().background(false));
  }

  /**
   * Stores new events (first copy wins) and records every relay that delivered each one. The fast path inserts the
   * batch's events with their relays; when any of them is already stored (a replay, or a copy from another relay in
   * a later batch) it falls back to idempotent upserts that only add relays.
   */
  @Override
  public Future<Void> store(List<ReceivedEvent> received, SqlConnection tx) {
    Map<String, JsonObject> inserts = new LinkedHashMap<>();
    Map<String, List<String>> relays = new LinkedHashMap<>();
    for (ReceivedEvent r : received) {
      List<String> list = relays.computeIfAbsent(r.eventId(), k -> new ArrayList<>());
      if (!list.contains(r.relay())) {
        list.add(r.relay());
      }
      if (r.event() != null && !inserts.containsKey(r.eventId())) {
        inserts.put(r.eventId(), toDocument(r.event(), r.receivedAtMillis()));
      }
    }
    if (relays.isEmpty()) {
      return Future.succeededFuture();
    }
    if (inserts.size() < relays.size()) {
      return upsert(inserts, relays);
    }
    List<BulkOperation> ops = new ArrayList<>(inserts.size());
    for (Map.Entry<String, JsonObject> e : inserts.entrySet()) {
      ops.add(BulkOperation.createInsert(e.getValue().copy().put("_id", e.getKey())
          .put("relays", new JsonArray(relays.get(e.getKey())))));
    }
    return mongo.bulkWriteWithOptions(COLLECTION, ops, UNORDERED).<Void>mapEmpty()
        .recover(err -> isDuplicateKey(err) ? upsert(inserts, relays) : Future.failedFuture(err));
  }

  private static final BulkWriteOptions UNORDERED =
      new BulkWriteOptions().setOrdered(false).setWriteOption(WriteOption.ACKNOWLEDGED);

  private Future<Void> upsert(Map<String, JsonObject> inserts, Map<String, List<String>> relays) {
    List<BulkOperation> ops = new ArrayList<>(relays.size());
    for (Map.Entry<String, List<String>> e : relays.entrySet()) {
      JsonObject update = new JsonObject()
          .put("$addToSet", new JsonObject().put("relays", new JsonObject().put("$each", new JsonArray(e.getValue()))));
      JsonObject doc = inserts.get(e.getKey());
      if (doc != null) {
        update.put("$setOnInsert", doc);
      }
      ops.add(BulkOperation.createUpdate(new JsonObject().put("_id", e.getKey()), update, doc != null, false));
    }
    return mongo.bulkWriteWithOptions(COLLECTION, ops, UNORDERED).mapEmpty();
  }

  static boolean isDuplicateKey(Throwable err) {
    String msg = String.valueOf(err.getMessage());
    return msg.contains("E11000") || msg.contains("11000") || msg.contains("duplicate key");
  }

  @Override
  public Future<StoredEvent> byId(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null).map(d -> d == null ? null : stored(d));
  }

  @Override
  public Future<List<StoredEvent>> byIds(Collection<String> ids, int kindFrom, int kindTo) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return find(new JsonObject().put("_id", in(ids)).put("kind", range(kindFrom, kindTo)), ASCENDING, ids.size());
  }

  @Override
  public Future<List<StoredEvent>> referencing(Collection<String> ids, int kindFrom, int kindTo, int limit) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return find(new JsonObject().put("e", in(ids)).put("kind", range(kindFrom, kindTo)), ASCENDING, limit);
  }

  @Override
  public Future<List<StoredEvent>> jobsTaking(Collection<String> requestIds, int limit) {
    if (requestIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return find(new JsonObject().put("i_job", in(requestIds)).put("kind", range(5000, 5999)), ASCENDING, limit);
  }

  @Override
  public Future<List<StoredEvent>> recent(EventQuery q) {
    JsonArray and = new JsonArray();
    if (!q.kindSet().isEmpty()) {
      and.add(new JsonObject().put("kind", new JsonObject().put("$in", new JsonArray(q.kindSet()))));
    } else if (!q.allKinds()) {
      and.add(new JsonObject().put("kind", q.kindFrom() == q.kindTo() ? q.kindFrom() : range(q.kindFrom(), q.kindTo())));
    }
    if (q.since() != null) {
      and.add(new JsonObject().put("created_at", new JsonObject().put("$gte", q.since())));
    }
    if (q.author() != null) {
      and.add(new JsonObject().put("pubkey", q.author()));
    }
    if (q.ref() != null) {
      and.add(new JsonObject().put("e", q.ref()));
    }
    if (q.pTag() != null) {
      and.add(new JsonObject().put("p", q.pTag()));
    }
    if (q.addressedTo() != null) {
      and.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("p", q.addressedTo()))
          .add(new JsonObject().put("_id", in(q.answeredIds())))));
    }
    if (q.until() != null) {
      and.add(new JsonObject().put("created_at", new JsonObject().put("$lte", q.until())));
      if (q.afterId() != null) {
        and.add(new JsonObject().put("$or", new JsonArray()
            .add(new JsonObject().put("created_at", new JsonObject().put("$lt", q.until())))
            .add(new JsonObject().put("_id", new JsonObject().put("$lt", q.afterId())))));
      }
    }
    JsonObject query = and.isEmpty() ? new JsonObject() : and.size() == 1 ? and.getJsonObject(0)
        : new JsonObject().put("$and", and);
    return find(query, NEWEST_FIRST, q.limit());
  }

  @Override
  public Future<List<StoredEvent>> ascending(long since, Long until, Integer kind, Long afterCreatedAt,
                                             String afterId, int limit) {
    JsonObject time = new JsonObject().put("$gte", since);
    if (until != null) {
      time.put("$lte", until);
    }
    JsonArray and = new JsonArray().add(new JsonObject().put("created_at", time));
    if (kind != null) {
      and.add(new JsonObject().put("kind", kind));
    }
    if (afterCreatedAt != null) {
      and.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("created_at", new JsonObject().put("$gt", afterCreatedAt)))
          .add(new JsonObject().put("created_at", afterCreatedAt).put("_id", new JsonObject().put("$gt", afterId)))));
    }
    return find(new JsonObject().put("$and", and), ASCENDING, limit);
  }

  @Override
  public Future<Long> deleteOlderThan(long createdAt) {
    return mongo.removeDocuments(COLLECTION, new JsonObject().put("created_at", new JsonObject().put("$lt", createdAt)))
        .map(res -> res == null ? 0L : res.getRemovedCount());
  }

  /**
   * Number of stored events, from the collection's metadata ({@code count} command without a query). The client's
   * {@code count} is an aggregation, which the MongoDB-compatible test server answers by loading every document.
   */
  @Override
  public Future<Long> count() {
    return mongo.runCommand("count", new JsonObject().put("count", COLLECTION))
        .map(r -> ((Number) r.getValue("n")).longValue());
  }

  @Override
  public Future<Void> close() {
    return mongo.close();
  }

  private static final JsonObject ASCENDING = new JsonObject().put("created_at", 1).put("_id", 1);
  private static final JsonObject NEWEST_FIRST = new JsonObject().put("created_at", -1).put("_id", -1);

  private Future<List<StoredEvent>> find(JsonObject query, JsonObject sort, int limit) {
    FindOptions opts = new FindOptions().setSort(sort).setLimit(limit);
    return mongo.findWithOptions(COLLECTION, query, opts).map(docs -> {
      List<StoredEvent> out = new ArrayList<>(docs.size());
      for (JsonObject d : docs) {
        out.add(stored(d));
      }
      return out;
    });
  }

  private static JsonObject in(Collection<String> values) {
    return new JsonObject().put("$in", new JsonArray(new ArrayList<>(values)));
  }

  private static JsonObject range(int from, int to) {
    return new JsonObject().put("$gte", from).put("$lte", to);
  }

  static JsonObject toDocument(NostrEvent e, long receivedAtMillis) {
    JsonArray tags = new JsonArray();
    for (List<String> t : e.tags()) {
      tags.add(new JsonArray(new ArrayList<>(t)));
    }
    EventRefs refs = EventRefs.of(e);
    return new JsonObject()
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("kind", e.kind())
        .put("tags", tags)
        .put("content", e.content())
        .put("sig", e.sig())
        .put("e", new JsonArray(refs.events()))
        .put("p", new JsonArray(refs.pubkeys()))
        .put("i_job", new JsonArray(refs.jobInputs()))
        .put("first_seen", receivedAtMillis);
  }

  /** The stored event of a document (fields as stored; the collector verified them before storing). */
  public static StoredEvent stored(JsonObject doc) {
    JsonArray rawTags = doc.getJsonArray("tags", new JsonArray());
    List<List<String>> tags = new ArrayList<>(rawTags.size());
    for (int i = 0; i < rawTags.size(); i++) {
      JsonArray t = rawTags.getJsonArray(i);
      List<String> tag = new ArrayList<>(t.size());
      for (int j = 0; j < t.size(); j++) {
        tag.add(String.valueOf(t.getValue(j)));
      }
      tags.add(tag);
    }
    NostrEvent e = new NostrEvent(doc.getString("_id"), doc.getString("pubkey"), doc.getLong("created_at"),
        doc.getInteger("kind"), tags, doc.getString("content", ""), doc.getString("sig"));
    List<String> relays = new ArrayList<>();
    doc.getJsonArray("relays", new JsonArray()).forEach(r -> relays.add(String.valueOf(r)));
    return new StoredEvent(e, doc.getLong("first_seen", 0L), relays);
  }
}

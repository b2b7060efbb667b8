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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw events in MongoDB, collection {@code events}, {@code _id} = event id. Writes are idempotent upserts, so a
 * replayed batch or the same event from another relay changes nothing but the list of relays that delivered it.
 */
public final class EventStore {

  public static final String COLLECTION = "events";

  private final MongoClient mongo;

  public EventStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Creates the lookup indexes (by id is the primary key). */
  public Future<Void> ensureIndexes() {
    return Future.all(List.of(
        index(new JsonObject().put("kind", 1).put("created_at", -1)),
        index(new JsonObject().put("pubkey", 1).put("created_at", -1)),
        index(new JsonObject().put("e", 1).put("created_at", -1)),
        index(new JsonObject().put("p", 1).put("created_at", -1)),
        index(new JsonObject().put("i_job", 1).put("created_at", -1)),
        index(new JsonObject().put("created_at", -1)))).mapEmpty();
  }

  private Future<Void> index(JsonObject keys) {
    return mongo.createIndexWithOptions(COLLECTION, keys, new IndexOptions().background(false));
  }

  /**
   * Stores new events (first copy wins) and records every relay that delivered each one. The fast path inserts the
   * batch's events with their relays; when any of them is already stored (a replay, or a copy from another relay in
   * a later batch) it falls back to idempotent upserts that only add relays.
   */
  public Future<Void> store(List<ReceivedEvent> received) {
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

  public Future<JsonObject> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null);
  }

  /** Most recent first, optionally filtered; {@code until} is inclusive on created_at. */
  public Future<List<JsonObject>> recent(Integer kind, String author, String ref, Long until, int limit) {
    JsonObject q = new JsonObject();
    if (kind != null) {
      q.put("kind", kind);
    }
    if (author != null) {
      q.put("pubkey", author);
    }
    if (ref != null) {
      q.put("e", ref);
    }
    if (until != null) {
      q.put("created_at", new JsonObject().put("$lte", until));
    }
    FindOptions opts = new FindOptions().setSort(new JsonObject().put("created_at", -1).put("_id", 1)).setLimit(limit);
    return mongo.findWithOptions(COLLECTION, q, opts);
  }

  /**
   * Number of stored events, from the collection's metadata ({@code count} command without a query). The client's
   * {@code count} is an aggregation, which the embedded store answers by loading every document: at a million
   * events that exhausts a 1 GiB heap.
   */
  public Future<Long> count() {
    return mongo.runCommand("count", new JsonObject().put("count", COLLECTION))
        .map(r -> ((Number) r.getValue("n")).longValue());
  }

  static JsonObject toDocument(NostrEvent e, long receivedAtMillis) {
    JsonArray tags = new JsonArray();
    JsonArray eRefs = new JsonArray();
    JsonArray pRefs = new JsonArray();
    JsonArray jobInputs = new JsonArray();
    for (List<String> t : e.tags()) {
      tags.add(new JsonArray(new ArrayList<>(t)));
      if (t.size() > 1 && t.get(0).equals("e")) {
        eRefs.add(t.get(1));
      } else if (t.size() > 1 && t.get(0).equals("p")) {
        pRefs.add(t.get(1));
      } else if (t.size() > 2 && t.get(0).equals("i") && t.get(2).equals("job")) {
        jobInputs.add(t.get(1));
      }
    }
    return new JsonObject()
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("kind", e.kind())
        .put("tags", tags)
        .put("content", e.content())
        .put("sig", e.sig())
        .put("e", eRefs)
        .put("p", pRefs)
        .put("i_job", jobInputs)
        .put("first_seen", receivedAtMillis);
  }

  /** The event of a stored document (fields as stored; the collector verified them before storing). */
  public static NostrEvent toEvent(JsonObject doc) {
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
    return new NostrEvent(doc.getString("_id"), doc.getString("pubkey"), doc.getLong("created_at"),
        doc.getInteger("kind"), tags, doc.getString("content", ""), doc.getString("sig"));
  }

  /** The NIP-01 event object of a stored document. */
  public static JsonObject eventOf(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("pubkey", doc.getString("pubkey"))
        .put("created_at", doc.getLong("created_at"))
        .put("kind", doc.getInteger("kind"))
        .put("tags", doc.getJsonArray("tags"))
        .put("content", doc.getString("content"))
        .put("sig", doc.getString("sig"));
  }
}

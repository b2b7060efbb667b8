package dvmdash.debug;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.Zap;
import dvmdash.shared.nostr.ZapReceipt;
import dvmdash.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a job's neighbourhood from the raw event store and builds its {@link JobGraph}. An id may name the request,
 * one of its feedback or results (followed through the first {@code e} tag), or a zap receipt of one of those. The
 * walk goes breadth first, one round of three queries per level: requests by id, responses by {@code e}, and sub-jobs
 * by {@code i_job}; parents come from the loaded requests' {@code i … job} tags. Bounded by {@link #MAX_JOBS} jobs
 * and {@link #MAX_RESPONSES} responses per round; zap receipts of all loaded events come last.
 */
public final class JobLoader {

  public static final int MAX_JOBS = 200;
  public static final int MAX_RESPONSES = 5_000;

  private final MongoClient mongo;

  public JobLoader(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** The graph of the job {@code id} leads to; null when the id is unknown or not part of a job. */
  public Future<JobGraph> load(String id) {
    return resolve(id, true).compose(root -> root == null
        ? Future.succeededFuture(null)
        : neighbourhood(root).map(events -> JobGraph.build(root, events)));
  }

  /** The request id an event id leads to, or null. A zap leads to the job of the event it zaps. */
  public Future<String> resolve(String id, boolean followZap) {
    return mongo.findOne(EventStore.COLLECTION, new JsonObject().put("_id", id), null).compose(doc -> {
      if (doc == null) {
        return hasResponses(id).map(has -> has ? id : null);
      }
      NostrEvent e = EventStore.toEvent(doc);
      EventClass c = Classifier.classify(e.kind());
      if (c == EventClass.REQUEST) {
        return Future.succeededFuture(id);
      }
      if (c == EventClass.FEEDBACK || c == EventClass.RESULT) {
        return Future.succeededFuture(Classifier.requestRef(e));
      }
      if (c == EventClass.ZAP && followZap) {
        String zapped = ZapReceipt.parse(e).map(Zap::zappedEvent).orElse(null);
        return zapped == null ? Future.succeededFuture(null) : resolve(zapped, false);
      }
      return Future.succeededFuture(null);
    });
  }

  private Future<Boolean> hasResponses(String requestId) {
    return mongo.count(EventStore.COLLECTION, new JsonObject().put("e", requestId).put("kind", responseKinds()))
        .map(n -> n > 0);
  }

  /** Every event of the job's chain neighbourhood (requests, responses, sub-jobs, parents, zaps). */
  public Future<List<NostrEvent>> neighbourhood(String root) {
    Walk walk = new Walk();
    walk.jobs.add(root);
    return round(walk, Set.of(root), Set.of(root))
        .compose(v -> zaps(walk))
        .map(v -> new ArrayList<>(walk.events.values()));
  }

  /** What a walk has gathered so far. */
  private static final class Walk {
    private final Map<String, NostrEvent> events = new LinkedHashMap<>();
    private final Set<String> jobs = new HashSet<>();
  }

  private Future<Void> round(Walk walk, Set<String> up, Set<String> down) {
    Set<String> ids = new LinkedHashSet<>(up);
    ids.addAll(down);
    Future<List<JsonObject>> requests = find(new JsonObject().put("_id", in(ids)).put("kind", requestKinds()),
        ids.size());
    Future<List<JsonObject>> responses = find(new JsonObject().put("e", in(ids)).put("kind", responseKinds()),
        MAX_RESPONSES);
    Future<List<JsonObject>> children = down.isEmpty()
        ? Future.succeededFuture(List.of())
        : find(new JsonObject().put("i_job", in(down)).put("kind", requestKinds()), MAX_JOBS);
    return Future.all(requests, responses, children).compose(all -> {
      Set<String> nextUp = new LinkedHashSet<>();
      Set<String> nextDown = new LinkedHashSet<>();
      for (JsonObject doc : requests.result()) {
        NostrEvent r = add(walk, doc);
        if (up.contains(r.id())) {
          for (String parent : Job.inputJobsOf(r)) {
            enqueue(walk, parent, nextUp);
          }
        }
      }
      for (JsonObject doc : responses.result()) {
        add(walk, doc);
      }
      for (JsonObject doc : children.result()) {
        NostrEvent child = add(walk, doc);
        enqueue(walk, child.id(), nextDown);
      }
      if (nextUp.isEmpty() && nextDown.isEmpty()) {
        return Future.succeededFuture();
      }
      return round(walk, nextUp, nextDown);
    });
  }

  private static void enqueue(Walk walk, String id, Set<String> next) {
    if (walk.jobs.size() < MAX_JOBS && walk.jobs.add(id)) {
      next.add(id);
    }
  }

  private Future<Void> zaps(Walk walk) {
    Set<String> targets = new LinkedHashSet<>(walk.jobs);
    for (NostrEvent e : walk.events.values()) {
      if (e.kind() >= 6000 && e.kind() <= 7000) {
        targets.add(e.id());
      }
    }
    return find(new JsonObject().put("e", in(targets)).put("kind", ZapReceipt.KIND), MAX_RESPONSES)
        .map(docs -> {
          docs.forEach(doc -> add(walk, doc));
          return null;
        });
  }

  private static NostrEvent add(Walk walk, JsonObject doc) {
    NostrEvent e = EventStore.toEvent(doc);
    walk.events.putIfAbsent(e.id(), e);
    return e;
  }

  private Future<List<JsonObject>> find(JsonObject query, int limit) {
    FindOptions opts = new FindOptions().setLimit(limit).setSort(new JsonObject().put("created_at", 1));
    return mongo.findWithOptions(EventStore.COLLECTION, query, opts);
  }

  static JsonObject in(Collection<String> values) {
    return new JsonObject().put("$in", new JsonArray(new ArrayList<>(values)));
  }

  static JsonObject requestKinds() {
    return new JsonObject().put("$gte", 5000).put("$lte", 5999);
  }

  /** Results (6000-6999) and feedback (7000). */
  static JsonObject responseKinds() {
    return new JsonObject().put("$gte", 6000).put("$lte", 7000);
  }
}

package dvmdash.jobs;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.Zap;
import dvmdash.shared.nostr.ZapReceipt;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a job's neighbourhood from the raw event store (each read from an index) and builds its {@link JobGraph}. An id may name the request,
 * one of its feedback or results (followed through the first {@code e} tag), or a zap receipt of one of those. The
 * walk goes breadth first, one round of three queries per level: requests by id, responses by {@code e}, and sub-jobs
 * by {@code i_job}; parents come from the loaded requests' {@code i … job} tags. Bounded by {@link #MAX_JOBS} jobs
 * and {@link #MAX_RESPONSES} responses per round; zap receipts of all loaded events come last.
 */
public final class JobLoader {

  public static final int MAX_JOBS = 200;
  public static final int MAX_RESPONSES = 5_000;


  private final RawEventStore store;

  public JobLoader(RawEventStore store) {
    this.store = store;
  }

  /** The graph of the job {@code id} leads to; null when the id is unknown or not part of a job. */
  public Future<JobGraph> load(String id) {
    return resolve(id, true).compose(root -> root == null
        ? Future.succeededFuture(null)
        : neighbourhood(root).map(events -> JobGraph.build(root, events)));
  }

  /** The request id an event id leads to, or null. A zap leads to the job of the event it zaps. */
  public Future<String> resolve(String id, boolean followZap) {
    return store.byId(id).compose(found -> {
      if (found == null) {
        return hasResponses(id).map(has -> has ? id : null);
      }
      NostrEvent e = found.event();
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
    return store.referencing(List.of(requestId), FIRST_RESPONSE_KIND, LAST_RESPONSE_KIND, 1)
        .map(found -> !found.isEmpty());
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
    Future<List<StoredEvent>> requests = store.byIds(ids, 5000, 5999);
    Future<List<StoredEvent>> responses = store.referencing(ids, FIRST_RESPONSE_KIND, LAST_RESPONSE_KIND,
        MAX_RESPONSES);
    Future<List<StoredEvent>> children = down.isEmpty()
        ? Future.succeededFuture(List.of())
        : store.jobsTaking(down, MAX_JOBS);
    return Future.all(requests, responses, children).compose(all -> {
      Set<String> nextUp = new LinkedHashSet<>();
      Set<String> nextDown = new LinkedHashSet<>();
      for (StoredEvent doc : requests.result()) {
        NostrEvent r = add(walk, doc);
        if (up.contains(r.id())) {
          for (String parent : Job.inputJobsOf(r)) {
            enqueue(walk, parent, nextUp);
          }
        }
      }
      for (StoredEvent doc : responses.result()) {
        add(walk, doc);
      }
      for (StoredEvent doc : children.result()) {
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
    return store.referencing(targets, ZapReceipt.KIND, ZapReceipt.KIND, MAX_RESPONSES)
        .map(docs -> {
          docs.forEach(doc -> add(walk, doc));
          return null;
        });
  }

  private static NostrEvent add(Walk walk, StoredEvent doc) {
    NostrEvent e = doc.event();
    walk.events.putIfAbsent(e.id(), e);
    return e;
  }

  /** Results (6000-6999) and feedback (7000). */
  static final int FIRST_RESPONSE_KIND = 6000;
  static final int LAST_RESPONSE_KIND = 7000;
}

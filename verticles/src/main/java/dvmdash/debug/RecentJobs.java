package dvmdash.debug;

import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.EventQuery;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The most recent job requests with their current status, newest first (created_at descending, then id descending).
 * Kind, user and until filter in the raw store; a DVM filter matches requests that {@code p}-tag it or that one of its latest
 * {@link #DVM_RESPONSE_WINDOW} responses names; the status, derived from responses, is filtered in memory, scanning
 * at most {@link #MAX_SCAN} requests per call.
 */
public final class RecentJobs {

  public static final int DVM_RESPONSE_WINDOW = 2_000;
  public static final int MAX_SCAN = 2_000;
  private static final int PAGE = 200;

  private final RawEventStore store;

  public RecentJobs(RawEventStore store) {
    this.store = store;
  }

  public Future<JsonObject> list(JobFilter f) {
    return baseQuery(f).compose(q -> page(q, f, new JsonArray(), 0));
  }

  private Future<EventQuery> baseQuery(JobFilter f) {
    EventQuery q = EventQuery.newest(f.status() == null ? f.limit() : PAGE)
        .kinds(f.kind() != null ? f.kind() : 5000, f.kind() != null ? f.kind() : 5999)
        .author(f.user())
        .until(f.until());
    if (f.dvm() == null) {
      return Future.succeededFuture(q);
    }
    return store.recentFirstRefs(f.dvm(), JobLoader.FIRST_RESPONSE_KIND, JobLoader.LAST_RESPONSE_KIND,
            DVM_RESPONSE_WINDOW)
        .map(refs -> q.addressedOrAnswered(f.dvm(), new ArrayList<>(new LinkedHashSet<>(refs))));
  }

  /** One page of requests (after the previous page's last one), then their responses; repeats while needed. */
  private Future<JsonObject> page(EventQuery q, JobFilter f, JsonArray out, int scanned) {
    return store.recent(q).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(answer(out, null));
      }
      List<NostrEvent> events = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (StoredEvent e : found) {
        events.add(e.event());
        ids.add(e.id());
      }
      return store.referencing(ids, JobLoader.FIRST_RESPONSE_KIND, JobLoader.LAST_RESPONSE_KIND, 50 * found.size())
          .compose(resp -> {
            resp.forEach(e -> events.add(e.event()));
            JobIndex index = new JobIndex(events);
            for (String id : ids) {
              Job job = index.job(id);
              if (out.size() < f.limit() && (f.status() == null || job.status() == f.status())) {
                out.add(summary(job));
              }
            }
            NostrEvent last = found.get(found.size() - 1).event();
            int total = scanned + found.size();
            boolean more = found.size() == q.limit();
            if (out.size() >= f.limit() || !more) {
              return Future.succeededFuture(answer(out, more ? last.createdAt() : null));
            }
            if (total >= MAX_SCAN) {
              return Future.succeededFuture(answer(out, last.createdAt()));
            }
            return page(q.after(last.createdAt(), last.id()), f, out, total);
          });
    });
  }

  private static JsonObject answer(JsonArray jobs, Long nextUntil) {
    return new JsonObject().put("jobs", jobs).put("next_until", nextUntil);
  }

  /** One row of the list: {id, kind, kind_name, user, created_at, status, dvms, results, feedback}. */
  public static JsonObject summary(Job job) {
    return new JsonObject()
        .put("id", job.id())
        .put("kind", job.kind())
        .put("kind_name", KindCatalog.name(job.kind()))
        .put("user", job.user())
        .put("created_at", job.request() == null ? null : job.request().createdAt())
        .put("status", job.status().wire())
        .put("dvms", new JsonArray(job.dvms()))
        .put("results", job.results().size())
        .put("feedback", job.feedback().size());
  }
}

package dvmdash.jobs;

import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.JobStatusRepository;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent job requests with their current status, newest first (request created_at, then id, both
 * descending). The page of ids comes from {@code job_status} (every filter, status included, answered from an index:
 * {@link JobStatusRepository}); the summaries from those requests and their responses in the raw store.
 */
public final class RecentJobs {

  private final JobStatusRepository jobs;
  private final RawEventStore store;

  public RecentJobs(JobStatusRepository jobs, RawEventStore store) {
    this.jobs = jobs;
    this.store = store;
  }

  public Future<JsonObject> list(JobFilter f) {
    JobStatusRepository.Query q = new JobStatusRepository.Query(f.kind(), f.user(),
        f.status() == null ? null : f.status().wire(), f.dvm(), f.until(), f.limit());
    return jobs.page(q).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture(answer(new JsonArray(), null));
      }
      List<String> ids = page.stream().map(JobStatusRepository.Listed::requestId).toList();
      Future<List<StoredEvent>> requests = store.byIds(ids, 5000, 5999);
      Future<List<StoredEvent>> responses = store.referencing(ids, JobLoader.FIRST_RESPONSE_KIND,
          JobLoader.LAST_RESPONSE_KIND, JobLoader.MAX_RESPONSES);
      return Future.all(requests, responses).map(v -> {
        List<NostrEvent> events = new ArrayList<>();
        requests.result().forEach(e -> events.add(e.event()));
        responses.result().forEach(e -> events.add(e.event()));
        JobIndex index = new JobIndex(events);
        JsonArray out = new JsonArray();
        for (String id : ids) {
          out.add(summary(index.job(id)));
        }
        Long next = page.size() == f.limit() ? page.get(page.size() - 1).createdAt() : null;
        return answer(out, next);
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

package dvmdash.debug;

import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The most recent job requests with their current status, newest first (created_at descending, then id). Kind, user
 * and until filter in MongoDB; a DVM filter matches requests that {@code p}-tag it or that one of its latest
 * {@link #DVM_RESPONSE_WINDOW} responses names; the status, derived from responses, is filtered in memory, scanning
 * at most {@link #MAX_SCAN} requests per call.
 */
public final class RecentJobs {

  public static final int DVM_RESPONSE_WINDOW = 2_000;
  public static final int MAX_SCAN = 2_000;
  private static final int PAGE = 200;

  private final MongoClient mongo;

  public RecentJobs(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<JsonObject> list(JobFilter f) {
    return baseQuery(f).compose(q -> page(q, f, null, new JsonArray(), 0));
  }

  private Future<JsonObject> baseQuery(JobFilter f) {
    JsonObject q = new JsonObject().put("kind", f.kind() != null ? f.kind() : JobLoader.requestKinds());
    if (f.user() != null) {
      q.put("pubkey", f.user());
    }
    if (f.until() != null) {
      q.put("created_at", new JsonObject().put("$lte", f.until()));
    }
    if (f.dvm() == null) {
      return Future.succeededFuture(q);
    }
    JsonObject answered = new JsonObject().put("pubkey", f.dvm()).put("kind", JobLoader.responseKinds());
    FindOptions opts = new FindOptions().setLimit(DVM_RESPONSE_WINDOW)
        .setSort(new JsonObject().put("created_at", -1))
        .setFields(new JsonObject().put("e", 1));
    return mongo.findWithOptions(EventStore.COLLECTION, answered, opts).map(docs -> {
      Set<String> refs = new LinkedHashSet<>();
      for (JsonObject d : docs) {
        JsonArray e = d.getJsonArray("e", new JsonArray());
        if (!e.isEmpty()) {
          refs.add(e.getString(0));
        }
      }
      return q.put("$or", new JsonArray()
          .add(new JsonObject().put("p", f.dvm()))
          .add(new JsonObject().put("_id", JobLoader.in(refs))));
    });
  }

  /** One page of requests after {@code cursor} (the last doc seen), then their responses; repeats while needed. */
  private Future<JsonObject> page(JsonObject base, JobFilter f, JsonObject cursor, JsonArray out, int scanned) {
    JsonObject q = base;
    if (cursor != null) {
      long t = cursor.getLong("created_at");
      JsonObject after = new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("created_at", new JsonObject().put("$lt", t)))
          .add(new JsonObject().put("created_at", t).put("_id", new JsonObject().put("$gt", cursor.getString("_id")))));
      q = new JsonObject().put("$and", new JsonArray().add(base).add(after));
    }
    int size = f.status() == null ? f.limit() : PAGE;
    FindOptions opts = new FindOptions().setLimit(size)
        .setSort(new JsonObject().put("created_at", -1).put("_id", 1));
    return mongo.findWithOptions(EventStore.COLLECTION, q, opts).compose(docs -> {
      if (docs.isEmpty()) {
        return Future.succeededFuture(answer(out, null));
      }
      List<NostrEvent> events = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (JsonObject d : docs) {
        events.add(EventStore.toEvent(d));
        ids.add(d.getString("_id"));
      }
      JsonObject responses = new JsonObject().put("e", JobLoader.in(ids)).put("kind", JobLoader.responseKinds());
      return mongo.findWithOptions(EventStore.COLLECTION, responses, new FindOptions().setLimit(50 * docs.size()))
          .compose(resp -> {
            resp.forEach(d -> events.add(EventStore.toEvent(d)));
            JobIndex index = new JobIndex(events);
            for (String id : ids) {
              Job job = index.job(id);
              if (out.size() < f.limit() && (f.status() == null || job.status() == f.status())) {
                out.add(summary(job));
              }
            }
            JsonObject last = docs.get(docs.size() - 1);
            int total = scanned + docs.size();
            boolean more = docs.size() == size;
            if (out.size() >= f.limit() || !more) {
              return Future.succeededFuture(answer(out, more ? last.getLong("created_at") : null));
            }
            if (total >= MAX_SCAN) {
              return Future.succeededFuture(answer(out, last.getLong("created_at")));
            }
            return page(base, f, last, out, total);
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

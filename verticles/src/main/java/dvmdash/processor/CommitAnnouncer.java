package dvmdash.processor;

import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.RollupRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Publishes a summary of each committed batch, with its newest jobs, for live views (SSE). */
final class CommitAnnouncer {

  static final int MAX_JOBS = 200;

  void committed(Vertx vertx, RollupRepository.Applied applied, int received, long nanos) {
    JsonArray jobs = new JsonArray();
    for (NostrEvent e : applied.newEvents()) {
      if (jobs.size() >= MAX_JOBS) {
        break;
      }
      JsonObject job = jobOf(e);
      if (job != null) {
        jobs.add(job);
      }
    }
    vertx.eventBus().publish(Addresses.BATCH_COMMITTED, new JsonObject()
        .put("received", received)
        .put("new_events", applied.newEvents().size())
        .put("millis", nanos / 1_000_000)
        .put("jobs", jobs));
  }

  /** The live-feed view of a job event, or null for other classes. */
  static JsonObject jobOf(NostrEvent e) {
    EventClass c = Classifier.classify(e.kind());
    String type = switch (c) {
      case REQUEST -> "request";
      case RESULT -> "result";
      case FEEDBACK -> "feedback";
      default -> null;
    };
    if (type == null) {
      return null;
    }
    return new JsonObject()
        .put("id", e.id())
        .put("kind", e.kind())
        .put("type", type)
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("request_id", c == EventClass.REQUEST ? e.id() : Classifier.requestRef(e))
        .put("status", c == EventClass.FEEDBACK ? Classifier.feedbackStatus(e) : null);
  }
}

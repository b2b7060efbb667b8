package dvmdash.processor;

import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.RollupRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Publishes a summary of each committed batch, with its newest jobs, for live views (SSE). */
final class CommitAnnouncer {

  static final int MAX_JOBS = 200;

  void committed(Vertx vertx, RollupRepository.Applied applied, int received, long nanos) {
    JsonArray jobs = new JsonArray();
    for (NostrEvent e : applied.newEvents()) {
      if (jobs.size() >= MAX_JOBS) {
        break;
      }
      JsonObject job = jobOf(e, applied.requestKinds());
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

  /**
   * The live-feed view of a job event, or null for other classes: with the kind of the job it belongs to
   * ({@code request_kind}: a request's own kind, a result's kind − 1000, a feedback's request's kind when known) and,
   * for a request, the DVMs it addresses ({@code p}: its 64-hex {@code p} tags, at most 10).
   */
  static JsonObject jobOf(NostrEvent e, Map<String, Integer> requestKinds) {
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
    String ref = c == EventClass.REQUEST ? e.id() : Classifier.requestRef(e);
    Integer requestKind = switch (c) {
      case REQUEST -> e.kind();
      case RESULT -> e.kind() - 1000;
      default -> ref == null ? null : requestKinds.get(ref);
    };
    JsonArray addressed = new JsonArray();
    if (c == EventClass.REQUEST) {
      for (String p : e.tagValues("p")) {
        if (addressed.size() < 10 && Hex.isLowerHex(p, 64) && !addressed.contains(p)) {
          addressed.add(p);
        }
      }
    }
    return new JsonObject()
        .put("id", e.id())
        .put("kind", e.kind())
        .put("request_kind", requestKind)
        .put("type", type)
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("request_id", ref)
        .put("status", c == EventClass.FEEDBACK ? Classifier.feedbackStatus(e) : null)
        .put("p", addressed);
  }
}

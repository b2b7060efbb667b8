package dvmdash.store;

import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A raw event as stored: the NIP-01 event, when DVMDash first received it (ms), and every relay that delivered it. */
public record StoredEvent(NostrEvent event, long firstSeenMillis, List<String> relays) {

  public StoredEvent {
    relays = List.copyOf(relays);
  }

  public String id() {
    return event.id();
  }

  /** The NIP-01 event object, field values exactly as signed. */
  public JsonObject eventJson() {
    return new JsonObject(EventWriter.toJson(event));
  }

  /** {@code {"event": {...}, "first_seen": ms, "relays": [...]}}, the API's view of a stored event. */
  public JsonObject view() {
    return new JsonObject().put("event", eventJson()).put("first_seen", firstSeenMillis)
        .put("relays", new JsonArray(relays));
  }
}

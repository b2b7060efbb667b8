package dvmdash.api;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** An event as its NIP-01 JSON object, at the API edge. */
final class EventJson {

  private EventJson() {
  }

  static JsonObject of(NostrEvent e) {
    JsonArray tags = new JsonArray();
    for (List<String> t : e.tags()) {
      tags.add(new JsonArray(new ArrayList<>(t)));
    }
    return new JsonObject().put("id", e.id()).put("pubkey", e.pubkey()).put("created_at", e.createdAt())
        .put("kind", e.kind()).put("tags", tags).put("content", e.content()).put("sig", e.sig());
  }
}

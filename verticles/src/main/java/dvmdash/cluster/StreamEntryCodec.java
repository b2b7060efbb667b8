package dvmdash.cluster;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.InvalidEventException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of one stream entry: an array of received events, each {@code {"e": event, "r": relay, "t": millis}}, or
 * a sighting {@code {"id": id, "r": relay, "t": millis}} (the event itself went into the stream earlier). Events were
 * verified by the collector; the processor only re-checks their shape.
 */
public final class StreamEntryCodec {

  private StreamEntryCodec() {
  }

  /** The entry element of a full event. */
  public static String full(ReceivedEvent r) {
    return "{\"e\":" + EventWriter.toJson(r.event()) + ",\"r\":" + EventWriter.quote(r.relay()) + ",\"t\":"
        + r.receivedAtMillis() + "}";
  }

  /** The entry element of a sighting of {@code r}'s event id on {@code r}'s relay. */
  public static String sighting(ReceivedEvent r) {
    return "{\"id\":\"" + r.eventId() + "\",\"r\":" + EventWriter.quote(r.relay()) + ",\"t\":" + r.receivedAtMillis()
        + "}";
  }

  /** Joins elements into the entry's array text. */
  public static String entry(List<String> elements) {
    return "[" + String.join(",", elements) + "]";
  }

  /** Decodes an entry; throws {@link IllegalArgumentException} when it is not one this codec wrote. */
  public static List<ReceivedEvent> decode(String text) {
    JsonArray arr = new JsonArray(text);
    List<ReceivedEvent> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonObject o = arr.getJsonObject(i);
      String relay = o.getString("r");
      long at = o.getLong("t", 0L);
      if (o.containsKey("e")) {
        try {
          out.add(ReceivedEvent.of(EventParser.fromJson(o.getJsonObject("e")), relay, at));
        } catch (InvalidEventException e) {
          throw new IllegalArgumentException("bad event in stream entry: " + e.getMessage(), e);
        }
      } else {
        out.add(ReceivedEvent.sighting(o.getString("id"), relay, at));
      }
    }
    return out;
  }
}

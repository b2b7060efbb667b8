package dvmdash.shared.model;

import dvmdash.shared.nostr.NostrEvent;

/**
 * A verified event as received from one relay. When {@code event} is null this is a sighting only: the event with
 * {@code eventId} was already forwarded by this node and has now also been seen on {@code relay}.
 */
public record ReceivedEvent(NostrEvent event, String eventId, String relay, long receivedAtMillis) {

  public static ReceivedEvent of(NostrEvent event, String relay, long receivedAtMillis) {
    return new ReceivedEvent(event, event.id(), relay, receivedAtMillis);
  }

  public static ReceivedEvent sighting(String eventId, String relay, long receivedAtMillis) {
    return new ReceivedEvent(null, eventId, relay, receivedAtMillis);
  }

  public boolean isSighting() {
    return event == null;
  }
}

package dvmdash.collector;

import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.RejectReason;

/**
 * What {@link FrameHandler} made of one relay frame. {@code received} is set for {@link Type#ACCEPTED} (the event)
 * and for a {@link Type#DUPLICATE} first seen on this relay (a sighting); {@code reason} for {@link Type#REJECTED};
 * {@code subId} for EVENT/EOSE/CLOSED frames; {@code message} for CLOSED/NOTICE/OK/AUTH and rejections.
 */
public record Outcome(Type type, String subId, ReceivedEvent received, RejectReason reason, String message) {

  public enum Type {
    ACCEPTED, DUPLICATE, REJECTED, EOSE, CLOSED, NOTICE, OK, AUTH, IGNORED
  }

  static Outcome accepted(String subId, ReceivedEvent e) {
    return new Outcome(Type.ACCEPTED, subId, e, null, null);
  }

  static Outcome duplicate(String subId, ReceivedEvent sightingOrNull) {
    return new Outcome(Type.DUPLICATE, subId, sightingOrNull, null, null);
  }

  static Outcome rejected(RejectReason reason, String message) {
    return new Outcome(Type.REJECTED, null, null, reason, message);
  }

  static Outcome control(Type type, String subId, String message) {
    return new Outcome(type, subId, null, null, message);
  }
}

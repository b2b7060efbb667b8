package dvmdash.shared.nostr;

import java.util.List;

/** Pure NIP-90 classification of events: class by kind, the request they answer, feedback status, encryption. */
public final class Classifier {

  private Classifier() {
  }

  public static EventClass classify(int kind) {
    if (kind >= 5000 && kind <= 5999) {
      return EventClass.REQUEST;
    }
    if (kind >= 6000 && kind <= 6999) {
      return EventClass.RESULT;
    }
    return switch (kind) {
      case 7000 -> EventClass.FEEDBACK;
      case 31990, 31999, 11316, 11999 -> EventClass.ANNOUNCEMENT;
      case 0 -> EventClass.PROFILE;
      case 9735 -> EventClass.ZAP;
      default -> EventClass.OTHER;
    };
  }

  /** The request kind an event belongs to: its own kind for a request, kind − 1000 for a result, else −1. */
  public static int requestKindOf(NostrEvent e) {
    return switch (classify(e.kind())) {
      case REQUEST -> e.kind();
      case RESULT -> e.kind() - 1000;
      default -> -1;
    };
  }

  /**
   * The request id an event points at: the value of its first {@code e} tag when that is 64 lowercase hex,
   * else null. This is the join key for results and feedback (never the embedded {@code request} copy).
   */
  public static String requestRef(NostrEvent e) {
    List<String> tag = e.tag("e");
    if (tag == null || tag.size() < 2) {
      return null;
    }
    String value = tag.get(1);
    return Hex.isLowerHex(value, 64) ? value : null;
  }

  /** The value of the first {@code status} tag (raw, unknown values kept), or null when there is none. */
  public static String feedbackStatus(NostrEvent e) {
    return e.tagValue("status");
  }

  /** True when the event carries an {@code ["encrypted"]} tag (NIP-90 encrypted job). */
  public static boolean isEncrypted(NostrEvent e) {
    return e.tag("encrypted") != null;
  }
}

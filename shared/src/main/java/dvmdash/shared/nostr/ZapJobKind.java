package dvmdash.shared.nostr;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The job kind a zap receipt pays for, from the kind of the zapped event that NIP-57 carries in a {@code k} tag: the
 * receipt's own first {@code k} tag, else the first {@code k} tag of the zap request (9734) in its {@code description}.
 * A result kind 6000-6999 counts for its request kind (k − 1000), a request kind 5000-5999 for itself; anything else
 * (feedback 7000, other events, no or malformed {@code k}) has no job kind. Decided by the receipt alone, so a
 * replay or a late zapped event never moves sats between kinds.
 */
public final class ZapJobKind {

  /** No job kind. */
  public static final int NONE = 0;

  private ZapJobKind() {
  }

  public static int of(NostrEvent receipt) {
    String k = receipt.tagValue("k");
    if (k == null) {
      k = requestK(receipt.tagValue("description"));
    }
    return jobKind(k);
  }

  private static String requestK(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    try {
      JsonArray tags = new JsonObject(description).getJsonArray("tags");
      if (tags == null) {
        return null;
      }
      for (Object t : tags) {
        if (t instanceof JsonArray a && a.size() >= 2 && "k".equals(a.getValue(0)) && a.getValue(1) instanceof String v) {
          return v;
        }
      }
      return null;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static int jobKind(String k) {
    if (k == null || k.length() != 4 || !k.chars().allMatch(Character::isDigit)) {
      return NONE;
    }
    int kind = Integer.parseInt(k);
    if (kind >= 6000 && kind <= 6999) {
      return kind - 1000;
    }
    return kind >= 5000 && kind <= 5999 ? kind : NONE;
  }
}

package dvmdash.truth;

import static dvmdash.truth.TruthEvents.in;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Sats zapped (zap receipts, kind 9735) to DVMs, in a window, optionally for one job kind. */
final class TruthZaps {

  private final List<NostrEvent> zaps;

  TruthZaps(List<NostrEvent> zaps) {
    this.zaps = zaps;
  }

  /** Sats of the zap receipts in the window to {@code recipient} (any 64-hex recipient when null). */
  long zappedSats(String recipient, Long ws) {
    long zapped = 0;
    for (NostrEvent z : zaps) {
      String p = z.tagValue("p");
      boolean to = recipient == null ? p != null && p.matches("[0-9a-f]{64}") : recipient.equals(p);
      if (to && in(z.createdAt(), ws)) {
        Long msat = TruthAmounts.bolt11Msat(z.tagValue("bolt11"));
        zapped += msat == null ? 0 : msat / 1000;
      }
    }
    return zapped;
  }

  /**
   * Sats of the zap receipts in the window to a 64-hex recipient ({@code recipient} only, when given) that zapped an
   * event of kind {@code k} or of its result kind {@code k + 1000}, as the receipt's k tag says (else the k tag of the
   * zap request it describes).
   */
  long zappedSatsOfKind(int k, String recipient, Long ws) {
    long zapped = 0;
    for (NostrEvent z : zaps) {
      String p = z.tagValue("p");
      String zk = z.tagValue("k");
      if (zk == null) {
        zk = requestKTag(z.tagValue("description"));
      }
      boolean ofKind = String.valueOf(k).equals(zk) || String.valueOf(k + 1000).equals(zk);
      boolean to = recipient == null ? p != null && p.matches("[0-9a-f]{64}") : recipient.equals(p);
      if (ofKind && to && in(z.createdAt(), ws)) {
        Long msat = TruthAmounts.bolt11Msat(z.tagValue("bolt11"));
        zapped += msat == null ? 0 : msat / 1000;
      }
    }
    return zapped;
  }

  private static String requestKTag(String description) {
    try {
      io.vertx.core.json.JsonArray tags = new JsonObject(description).getJsonArray("tags");
      for (int i = 0; tags != null && i < tags.size(); i++) {
        io.vertx.core.json.JsonArray t = tags.getJsonArray(i);
        if (t.size() >= 2 && "k".equals(t.getString(0))) {
          return t.getString(1);
        }
      }
    } catch (RuntimeException malformed) {
      return null;
    }
    return null;
  }
}

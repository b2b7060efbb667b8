package dvmdash.api;

import dvmdash.shared.nostr.Hex;
import dvmdash.store.StoredEvent;
import java.util.List;

/**
 * The position after the last event of a newest-first page, as the opaque token {@code <created_at>.<id>} that
 * {@code /api/events} answers in {@code next} and accepts as {@code cursor}. Events are ordered by
 * {@code created_at} then id (both descending), a total order, so following the tokens visits every matching event
 * exactly once, whatever the page size.
 */
record EventCursor(long createdAt, String id) {

  /** The token to continue after {@code page}, or null when the page was not full (nothing follows). */
  static String next(List<StoredEvent> page, int limit) {
    if (page.size() < limit || page.isEmpty()) {
      return null;
    }
    StoredEvent last = page.get(page.size() - 1);
    return last.event().createdAt() + "." + last.event().id();
  }

  /** Parses a token; a malformed one is a 400. */
  static EventCursor parse(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || !Hex.isLowerHex(token.substring(dot + 1), 64)) {
      throw new BadRequestException("cursor must be the 'next' value of a previous answer");
    }
    try {
      long t = Long.parseLong(token.substring(0, dot));
      if (t < 0) {
        throw new NumberFormatException();
      }
      return new EventCursor(t, token.substring(dot + 1));
    } catch (NumberFormatException e) {
      throw new BadRequestException("cursor must be the 'next' value of a previous answer");
    }
  }
}

package dvmdash.collector;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the stored backlog of one subscription (its REQs, up to EOSE) has delivered so far, for a
 * {@link SavedBacklog} checkpoint. Relays send stored events newest first (NIP-01), so once every event received so
 * far is acknowledged, everything newer than the lowest {@code created_at} received is stored, and only
 * {@code [since, lowest]} may be missing. Per REQ: one that sent nothing yet allows no checkpoint; one at EOSE is
 * complete; one that sent an event newer than an earlier one (not newest first, e.g. several filters answered one
 * after the other) disables checkpoints for this backlog, which then counts only at EOSE as before. The gap is widened
 * by {@code marginSeconds} above the lowest event, for relays that sort only roughly. Pure bookkeeping.
 */
final class BacklogTracker {

  private final long since;
  private final long marginSeconds;
  private final Set<String> open;
  private final Map<String, Long> lowest = new HashMap<>();
  private long newest = Long.MIN_VALUE;
  private boolean newestFirst = true;
  private long events;

  /** {@code since}: the REQs' since (null: none, the relay's whole history); {@code subs}: their sub ids. */
  BacklogTracker(Long since, Collection<String> subs, long marginSeconds) {
    this.since = since == null ? 0 : since;
    this.open = new LinkedHashSet<>(subs);
    this.marginSeconds = marginSeconds;
  }

  /** A stored event of {@code subId} (ignored for other subscriptions); returns the events counted so far. */
  long event(String subId, long createdAt) {
    if (!open.contains(subId)) {
      return events;
    }
    Long low = lowest.get(subId);
    if (low != null && createdAt > low) {
      newestFirst = false;
    }
    lowest.merge(subId, createdAt, Math::min);
    newest = Math.max(newest, createdAt);
    return ++events;
  }

  void eose(String subId) {
    open.remove(subId);
    lowest.remove(subId);
  }

  /** The progress to save once every event counted so far is acknowledged, if it says anything. */
  Optional<SavedBacklog> checkpoint() {
    if (!newestFirst || open.isEmpty() || newest == Long.MIN_VALUE) {
      return Optional.empty();
    }
    long until = Long.MIN_VALUE;
    for (String sub : open) {
      Long low = lowest.get(sub);
      if (low == null) {
        return Optional.empty();
      }
      until = Math.max(until, low);
    }
    until = Math.max(since, until + marginSeconds);
    return until >= newest ? Optional.empty() : Optional.of(new SavedBacklog(since, until, newest));
  }
}

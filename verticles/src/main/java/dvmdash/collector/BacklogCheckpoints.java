package dvmdash.collector;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Saves a relay's backlog progress while the relay still streams it, so that a restart during a long backlog does not
 * download it all again ({@link RelayConnection} delegates here):
 * <ul>
 *   <li>every {@code everyEvents} stored events of the main subscription, once everything received so far is
 *       acknowledged (committed), the {@link BacklogTracker}'s checkpoint becomes the relay's {@link SavedBacklog};
 *       the cursor itself does not move;</li>
 *   <li>when that backlog reaches EOSE and is acknowledged it is stored entirely, and the saved progress is dropped
 *       (the cursor then moves as before);</li>
 *   <li>a backlog saved before this connection (an interrupted one) is fetched with gap REQs ({@code since}/
 *       {@code until}) beside the main subscription, which resumes from its newest event; once they reached EOSE and
 *       were acknowledged it is dropped and the cursor moves to its newest event.</li>
 * </ul>
 * One saved backlog per relay: while one exists (or after a re-subscription), the main subscription is not
 * checkpointed and counts only at EOSE. Confined to the connection's event loop.
 */
final class BacklogCheckpoints {

  private final String url;
  private final CursorStore cursors;
  private final EventSink sink;
  private final long everyEvents;
  private final long marginSeconds;
  private final Set<String> gapSubs = new HashSet<>();
  private BacklogTracker tracker;
  private long subscribedSince;
  private SavedBacklog inherited;
  private SavedBacklog saved;
  private int generation;

  BacklogCheckpoints(String url, CursorStore cursors, EventSink sink, long everyEvents, long marginSeconds) {
    this.url = url;
    this.cursors = cursors;
    this.sink = sink;
    this.everyEvents = everyEvents;
    this.marginSeconds = marginSeconds;
  }

  /** A new connection: the REQs for the gap of a saved backlog, if any, to send beside the main subscription. */
  List<SubscriptionPlan.Req> connected(SubscriptionPlan plan) {
    generation++;
    tracker = null;
    saved = null;
    gapSubs.clear();
    inherited = cursors.backlog(url).orElse(null);
    if (inherited == null) {
      return List.of();
    }
    List<SubscriptionPlan.Req> reqs = plan.gapRequests(inherited.since(), inherited.until());
    reqs.forEach(r -> gapSubs.add(r.subId()));
    return reqs;
  }

  /** The main subscription was sent (or sent again, finer) with {@code since}. */
  void subscribed(Long since, Collection<String> subs) {
    subscribedSince = since == null ? 0 : since;
    tracker = cursors.backlog(url).isPresent() ? null : new BacklogTracker(since, subs, marginSeconds);
  }

  /** A stored event of the main subscription. */
  void event(String subId, long createdAt) {
    if (tracker != null && tracker.event(subId, createdAt) % everyEvents == 0) {
      Optional<SavedBacklog> progress = tracker.checkpoint();
      int session = generation;
      progress.ifPresent(p -> sink.whenAcknowledged(() -> {
        if (session == generation && tracker != null) {
          saved = p;
          cursors.saveBacklog(url, p);
        }
      }));
    }
  }

  void eose(String subId) {
    if (tracker != null) {
      tracker.eose(subId);
    }
  }

  /** The main subscription's backlog reached EOSE on every REQ and is acknowledged. */
  void mainStored() {
    tracker = null;
    if (saved != null && saved.since() >= subscribedSince) {
      cursors.backlogStored(url, saved);
    }
    saved = null;
  }

  /** The EOSE of {@code subId}: true when it is a gap REQ's (nothing else to do with it). */
  boolean gapEose(String subId) {
    if (!gapSubs.remove(subId)) {
      return false;
    }
    if (gapSubs.isEmpty() && inherited != null) {
      SavedBacklog done = inherited;
      int session = generation;
      sink.whenAcknowledged(() -> {
        if (session == generation) {
          cursors.backlogStored(url, done);
          inherited = null;
        }
      });
    }
    return true;
  }

  /** The connection ended: pending checkpoints of it are not saved. */
  void disconnected() {
    generation++;
    tracker = null;
  }
}

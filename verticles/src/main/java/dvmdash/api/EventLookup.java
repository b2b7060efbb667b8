package dvmdash.api;

import dvmdash.shared.Addresses;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds an event by id in the raw store; when it is unknown, asks the connected relays for it (through the
 * collectors, so a found event passes the normal checks and pipeline) and looks again while it is being committed.
 * Relay lookups are bounded ({@link RelayLookupBudget}): an id no relay had is answered from memory for 10 minutes,
 * concurrent requests for one id share one lookup, and at most {@value #LOOKUPS_PER_SECOND} lookups start per second
 * (burst {@value #LOOKUP_BURST}); beyond that the request fails with {@link TooManyRequestsException}.
 */
final class EventLookup {

  static final long RELAY_TIMEOUT_MS = 5_000;
  static final int RECHECKS = 10;
  static final long RECHECK_MS = 300;

  static final int LOOKUPS_PER_SECOND = 5;
  static final int LOOKUP_BURST = 20;
  static final long MISS_TTL_MS = 600_000;
  static final int MAX_MISSES = 10_000;

  private final Vertx vertx;
  private final RawEventStore events;
  private final RelayLookupBudget budget =
      new RelayLookupBudget(LOOKUPS_PER_SECOND, LOOKUP_BURST, MISS_TTL_MS, MAX_MISSES);
  private final Map<String, Future<StoredEvent>> inFlight = new HashMap<>();

  EventLookup(Vertx vertx, RawEventStore events) {
    this.vertx = vertx;
    this.events = events;
  }

  /** The stored event, or null when neither the store nor any connected relay has it. */
  Future<StoredEvent> find(String id) {
    return events.byId(id).compose(doc -> doc != null ? Future.succeededFuture(doc) : askRelays(id));
  }

  private Future<StoredEvent> askRelays(String id) {
    Future<StoredEvent> running = inFlight.get(id);
    if (running != null) {
      return running;
    }
    switch (budget.admit(id, System.currentTimeMillis())) {
      case KNOWN_MISSING:
        return Future.succeededFuture(null);
      case TOO_MANY:
        return Future.failedFuture(new TooManyRequestsException(
            "too many lookups of unknown events right now; retry in a few seconds"));
      default:
        break;
    }
    Future<StoredEvent> f = vertx.eventBus().<Integer>request(Addresses.RELAYS_LOOKUP, id,
            new DeliveryOptions().setSendTimeout(RELAY_TIMEOUT_MS))
        .transform(ar -> ar.succeeded() && ar.result().body() > 0 ? recheck(id, RECHECKS)
            : Future.<StoredEvent>succeededFuture(null))
        .andThen(ar -> {
          inFlight.remove(id);
          if (ar.succeeded() && ar.result() == null) {
            budget.missing(id, System.currentTimeMillis());
          }
        });
    if (!f.isComplete()) {
      inFlight.put(id, f);
    }
    return f;
  }

  private Future<StoredEvent> recheck(String id, int left) {
    Promise<StoredEvent> p = Promise.promise();
    vertx.setTimer(RECHECK_MS, t -> events.byId(id).onComplete(ar -> {
      if (ar.failed()) {
        p.fail(ar.cause());
      } else if (ar.result() != null || left <= 1) {
        p.complete(ar.result());
      } else {
        recheck(id, left - 1).onComplete(p);
      }
    }));
    return p.future();
  }
}

package dvmdash.api;

import dvmdash.shared.Addresses;
import dvmdash.store.RawEventStore;
import dvmdash.store.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Finds an event by id in the raw store; when it is unknown, asks the connected relays for it (through the
 * collectors, so a found event passes the normal checks and pipeline) and looks again while it is being committed.
 */
final class EventLookup {

  static final long RELAY_TIMEOUT_MS = 5_000;
  static final int RECHECKS = 10;
  static final long RECHECK_MS = 300;

  private final Vertx vertx;
  private final RawEventStore events;

  EventLookup(Vertx vertx, RawEventStore events) {
    this.vertx = vertx;
    this.events = events;
  }

  /** The stored event, or null when neither the store nor any connected relay has it. */
  Future<StoredEvent> find(String id) {
    return events.byId(id).compose(doc -> doc != null ? Future.succeededFuture(doc)
        : vertx.eventBus().<Integer>request(Addresses.RELAYS_LOOKUP, id,
                new DeliveryOptions().setSendTimeout(RELAY_TIMEOUT_MS))
            .transform(ar -> ar.succeeded() && ar.result().body() > 0 ? recheck(id, RECHECKS)
                : Future.succeededFuture(null)));
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

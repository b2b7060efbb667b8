package dvmdash.collector;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/** One-off by-id subscriptions of a connection ({@code look-N}), each finished once by EOSE, CLOSED or timeout. */
final class RelayLookups {

  /** A lookup in progress. */
  record Pending(String subId, Promise<Void> promise) {
    Future<Void> done() {
      return promise.future();
    }
  }

  private final Map<String, Pending> pending = new HashMap<>();
  private long next;

  Pending start() {
    Pending p = new Pending("look-" + (++next), Promise.promise());
    pending.put(p.subId(), p);
    return p;
  }

  /** Completes the lookup with this sub id; false when it is not (or no longer) a lookup. */
  boolean finished(String subId) {
    Pending p = pending.remove(subId);
    if (p == null) {
      return false;
    }
    p.promise().tryComplete();
    return true;
  }
}

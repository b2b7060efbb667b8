package dvmdash.lock;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collector's rebalancing step, run periodically: refresh membership under the current lease, compute the fair
 * share ({@link RelayShare}) over the live collectors, claim free relays of the share, release owned relays outside
 * it, and, when the set of owned relays changed, hand it to {@code apply} (which redeploys the collector verticle).
 * A dead collector's membership and claims expire with its lease, so its relays are claimed by the live ones within
 * the lease TTL plus one step; a joining collector gets its share as soon as the current owners step.
 */
public final class RelayBalancer {

  private static final Logger log = LoggerFactory.getLogger(RelayBalancer.class);

  private final List<String> relays;
  private final RelayClaims claims;
  private final LeaseKeeper lease;
  private final String me;
  private final Function<List<String>, Future<Void>> apply;
  private List<String> owned = List.of();
  private boolean running;

  public RelayBalancer(List<String> relays, RelayClaims claims, LeaseKeeper lease, String me,
                       Function<List<String>, Future<Void>> apply) {
    this.relays = List.copyOf(relays);
    this.claims = claims;
    this.lease = lease;
    this.me = me;
    this.apply = apply;
  }

  /** One step; overlapping calls are skipped. */
  public Future<Void> step() {
    long leaseId = lease.leaseId();
    if (running || leaseId == 0) {
      return Future.succeededFuture();
    }
    running = true;
    return claims.register(leaseId)
        .compose(v -> claims.liveCollectors())
        .compose(live -> claims.claims().compose(current -> rebalance(live, current, leaseId)))
        .compose(now -> {
          if (now.equals(owned)) {
            return Future.succeededFuture();
          }
          log.info("Collector {} now owns {} of {} relays: {}", me, now.size(), relays.size(), now);
          owned = now;
          return apply.apply(now);
        })
        .onFailure(err -> log.warn("Relay rebalancing failed: {}", err.toString()))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        });
  }

  private Future<List<String>> rebalance(List<String> live, Map<String, String> current, long leaseId) {
    List<String> desired = RelayShare.mine(relays, live, me);
    List<Future<Boolean>> steps = new ArrayList<>();
    for (String r : relays) {
      String owner = current.get(r);
      if (desired.contains(r) && owner == null) {
        steps.add(claims.claim(r, leaseId));
      } else if (!desired.contains(r) && me.equals(owner)) {
        steps.add(claims.release(r).map(false));
      } else {
        steps.add(Future.succeededFuture(me.equals(owner)));
      }
    }
    return Future.all(steps).map(cf -> {
      List<String> now = new ArrayList<>();
      for (int i = 0; i < relays.size(); i++) {
        if (cf.<Boolean>resultAt(i)) {
          now.add(relays.get(i));
        }
      }
      return now;
    });
  }

  public List<String> owned() {
    return owned;
  }
}

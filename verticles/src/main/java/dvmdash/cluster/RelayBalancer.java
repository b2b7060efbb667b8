package dvmdash.cluster;

import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import dvmdash.shared.config.RelayUrls;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collector's rebalancing step, run periodically: read the cluster's relay list (with activity marks), refresh
 * membership under the current lease, compute the fair share ({@link RelayShare}) over the live collectors, claim
 * free relays of the share, release owned relays outside it (also those removed from the list), and, when the owned
 * entries changed (relay or mark), hand them to {@code apply} (which redeploys the collector verticle). A dead
 * collector's membership and claims expire with its lease, so its relays are claimed by the live ones within the lease
 * TTL plus one step; a joining collector gets its share as soon as the current owners step; a relay added to the
 * list is claimed by its desired owner at that owner's next step.
 */
public final class RelayBalancer {

  private static final Logger log = LoggerFactory.getLogger(RelayBalancer.class);

  private final Supplier<Future<RelayList>> relays;
  private final RelayClaims claims;
  private final LeaseKeeper lease;
  private final String me;
  private final Function<List<RelayEntry>, Future<Void>> apply;
  private List<RelayEntry> owned = List.of();
  private boolean running;

  public RelayBalancer(Supplier<Future<RelayList>> relays, RelayClaims claims, LeaseKeeper lease, String me,
                       Function<List<RelayEntry>, Future<Void>> apply) {
    this.relays = relays;
    this.claims = claims;
    this.lease = lease;
    this.me = me;
    this.apply = apply;
  }

  /** A fixed list of normal-activity relays. */
  public RelayBalancer(List<String> fixed, RelayClaims claims, LeaseKeeper lease, String me,
                       Function<List<RelayEntry>, Future<Void>> apply) {
    this(() -> Future.succeededFuture(RelayList.of(fixed)), claims, lease, me, apply);
  }

  /** One step; overlapping calls are skipped. */
  public Future<Void> step() {
    long leaseId = lease.leaseId();
    if (running || leaseId == 0) {
      return Future.succeededFuture();
    }
    running = true;
    return relays.get().compose(list -> claims.register(leaseId)
        .compose(v -> claims.liveCollectors())
        .compose(live -> claims.claims().compose(current -> rebalance(list, live, current, leaseId)))
        .compose(now -> {
          if (now.equals(owned)) {
            return Future.succeededFuture();
          }
          log.info("Collector {} now owns {} of {} relays: {}", me, now.size(), list.size(),
              RelayUrls.redactAll(now.stream().map(dvmdash.collector.RelayEntry::url).toList()));
          owned = now;
          return apply.apply(now);
        }))
        .onFailure(err -> log.warn("Relay rebalancing failed: {}", err.toString()))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        });
  }

  private Future<List<RelayEntry>> rebalance(RelayList list, List<String> live, Map<String, String> current,
                                             long leaseId) {
    List<RelayEntry> desired = RelayShare.mine(list, live, me);
    List<String> desiredUrls = desired.stream().map(RelayEntry::url).toList();
    List<Future<Boolean>> steps = new ArrayList<>();
    for (RelayEntry e : list.entries()) {
      String r = e.url();
      String owner = current.get(r);
      if (desiredUrls.contains(r) && owner == null) {
        steps.add(claims.claim(r, leaseId));
      } else if (!desiredUrls.contains(r) && me.equals(owner)) {
        steps.add(claims.release(r).map(false));
      } else {
        steps.add(Future.succeededFuture(me.equals(owner)));
      }
    }
    List<Future<Void>> dropped = new ArrayList<>();
    current.forEach((relay, owner) -> {
      if (me.equals(owner) && list.get(relay) == null) {
        dropped.add(claims.release(relay));
      }
    });
    return Future.all(steps).compose(cf -> Future.all(dropped).map(v -> {
      List<RelayEntry> now = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (cf.<Boolean>resultAt(i)) {
          now.add(list.entries().get(i));
        }
      }
      return now;
    }));
  }

  /** URLs of the relays this collector holds. */
  public List<String> owned() {
    return owned.stream().map(RelayEntry::url).toList();
  }
}

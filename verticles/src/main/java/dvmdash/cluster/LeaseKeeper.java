package dvmdash.cluster;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd lease of a node, renewed by jetcd keep-alives. When the keep-alive stream fails or the lease is gone, the
 * lease counts as lost at once ({@link #leaseId()} is 0) and a new one is granted after a pause: everything bound to
 * the old lease (locks, relay claims) has expired or will within its TTL. Callbacks run on the owner's context.
 * Meters: {@code dvmdash_lease_acquisitions_total}, {@code dvmdash_lease_losses_total} and
 * {@code dvmdash_leases_held} (summed over the node's keepers: the commit guard's and the relay balancer's).
 */
public final class LeaseKeeper {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final long REGRANT_PAUSE_MILLIS = 1000;

  private final Vertx vertx;
  private final Context context;
  private final Client client;
  private final long ttlSeconds;
  private volatile long leaseId;
  private CloseableClient keepAlive;
  private boolean stopped;
  private long generation;
  private final Counter acquisitions;
  private final Counter losses;
  private final VerticleMeters held;

  public LeaseKeeper(Vertx vertx, Client client, long ttlSeconds) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.ttlSeconds = ttlSeconds;
    MeterRegistry r = AppMetrics.registry(vertx);
    acquisitions = Counter.builder("dvmdash_lease_acquisitions_total").description("etcd leases granted")
        .register(r);
    losses = Counter.builder("dvmdash_lease_losses_total")
        .description("etcd leases lost (keep-alive failed or lease expired) before being released").register(r);
    held = new VerticleMeters(r).gauge("dvmdash_leases_held", "etcd leases this node holds now", Tags.empty(), this,
        k -> k.leaseId != 0 ? 1 : 0);
  }

  /** Grants the first lease and starts keeping it alive. */
  public Future<Long> start() {
    return grant();
  }

  private Future<Long> grant() {
    return Future.fromCompletionStage(client.getLeaseClient().grant(ttlSeconds), context)
        .map(resp -> {
          long id = resp.getID();
          long gen = ++generation;
          leaseId = id;
          acquisitions.increment();
          keepAlive = client.getLeaseClient().keepAlive(id, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse r) {
              if (r.getTTL() <= 0) {
                context.runOnContext(v -> lost(gen, "lease expired"));
              }
            }

            @Override
            public void onError(Throwable t) {
              context.runOnContext(v -> lost(gen, t.toString()));
            }

            @Override
            public void onCompleted() {
              context.runOnContext(v -> lost(gen, "keep-alive ended"));
            }
          });
          log.info("Holding etcd lease {} (ttl {} s)", Long.toHexString(id), ttlSeconds);
          return id;
        });
  }

  private void lost(long gen, String why) {
    if (gen != generation || stopped) {
      return;
    }
    log.warn("Lost etcd lease {}: {}; granting a new one", Long.toHexString(leaseId), why);
    losses.increment();
    leaseId = 0;
    closeKeepAlive();
    generation++;
    vertx.setTimer(REGRANT_PAUSE_MILLIS, id -> regrant());
  }

  private void regrant() {
    if (stopped) {
      return;
    }
    grant().onFailure(err -> {
      log.warn("Cannot grant an etcd lease ({}); retrying", err.toString());
      vertx.setTimer(REGRANT_PAUSE_MILLIS, id -> regrant());
    });
  }

  /** The current lease, or 0 while there is none. */
  public long leaseId() {
    return leaseId;
  }

  /** Stops the keep-alives and revokes the lease (its locks and claims are released at once). */
  public Future<Void> stop() {
    stopped = true;
    held.close();
    long id = leaseId;
    leaseId = 0;
    closeKeepAlive();
    if (id == 0) {
      return Future.succeededFuture();
    }
    return Future.fromCompletionStage(client.getLeaseClient().revoke(id), context).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** For tests: stop renewing without revoking, as a paused or partitioned process would. */
  public void stopKeepAlive() {
    stopped = true;
    closeKeepAlive();
  }

  private void closeKeepAlive() {
    if (keepAlive != null) {
      keepAlive.close();
      keepAlive = null;
    }
  }
}

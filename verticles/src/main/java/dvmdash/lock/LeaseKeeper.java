package dvmdash.lock;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd lease of a node, renewed by jetcd keep-alives. When the keep-alive stream fails or the lease is gone, the
 * lease counts as lost at once ({@link #leaseId()} is 0) and a new one is granted after a pause: everything bound to
 * the old lease (locks, relay claims) has expired or will within its TTL. Callbacks run on the owner's context.
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

  public LeaseKeeper(Vertx vertx, Client client, long ttlSeconds) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.ttlSeconds = ttlSeconds;
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

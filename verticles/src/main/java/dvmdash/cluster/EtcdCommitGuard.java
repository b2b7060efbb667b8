package dvmdash.cluster;

import dvmdash.metrics.AppMetrics;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lock.LockResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd commit lock of the processors, one holder per batch window: lock {@code <prefix>rollup-lock} with the
 * node's lease, check the lock key still exists (the lease is alive), commit with the lock's revision as fencing
 * token, unlock. The token grows with every acquisition (each acquisition creates a new key), and the commit stores
 * it in PostgreSQL only if it is greater than the stored one, so a processor whose lease expired meanwhile, and
 * whose lock another processor took and used, cannot commit afterwards. Used from one event loop. Meters:
 * {@code dvmdash_commit_lock_acquisitions_total}, {@code dvmdash_commit_lock_failures_total} (no lease, timeout, lock
 * key gone) and {@code dvmdash_commit_lock_wait_seconds}.
 */
public final class EtcdCommitGuard implements CommitGuard {

  private static final Logger log = LoggerFactory.getLogger(EtcdCommitGuard.class);

  private final Context context;
  private final Client client;
  private final LeaseKeeper lease;
  private final ByteSequence lockName;
  private final long lockTimeoutMillis;
  private Future<?> previous = Future.succeededFuture();
  private final Counter acquired;
  private final Counter failed;
  private final Timer wait;

  public EtcdCommitGuard(Vertx vertx, Client client, LeaseKeeper lease, String prefix, long lockTimeoutMillis) {
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.lease = lease;
    this.lockName = EtcdClients.bytes(prefix + "rollup-lock");
    this.lockTimeoutMillis = lockTimeoutMillis;
    MeterRegistry r = AppMetrics.registry(vertx);
    acquired = Counter.builder("dvmdash_commit_lock_acquisitions_total")
        .description("Commit lock acquisitions (one per committed batch)").register(r);
    failed = Counter.builder("dvmdash_commit_lock_failures_total")
        .description("Commit lock attempts that failed: no lease, timeout, or lock key gone (lease expired)")
        .register(r);
    wait = Timer.builder("dvmdash_commit_lock_wait_seconds").description("Time waiting for the commit lock")
        .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
        .maximumExpectedValue(java.time.Duration.ofSeconds(60)).register(r);
  }

  /**
   * Guarded commits of one processor run one after the other: etcd's lock key is {@code <name>/<lease>}, so a second
   * lock call with the same lease would not wait, and its older token would then be fenced off.
   */
  @Override
  public <T> Future<T> guard(Function<Long, Future<T>> commit) {
    Future<T> mine = previous.transform(ar -> lockAndCommit(commit));
    previous = mine;
    return mine;
  }

  private <T> Future<T> lockAndCommit(Function<Long, Future<T>> commit) {
    long leaseId = lease.leaseId();
    if (leaseId == 0) {
      failed.increment();
      return Future.failedFuture(new LeaseLostException("no etcd lease at the moment"));
    }
    long t0 = System.nanoTime();
    CompletableFuture<LockResponse> locking = client.getLockClient().lock(lockName, leaseId);
    return Future.fromCompletionStage(locking, context)
        .timeout(lockTimeoutMillis, TimeUnit.MILLISECONDS)
        .recover(err -> {
          // a lock granted after we gave up must not be held until the lease dies
          locking.thenAccept(late -> client.getLockClient().unlock(late.getKey()));
          failed.increment();
          return Future.failedFuture(err);
        })
        .compose(locked -> {
          wait.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
          ByteSequence key = locked.getKey();
          long token = locked.getHeader().getRevision();
          return Future.fromCompletionStage(client.getKVClient().get(key), context)
              .compose(got -> got.getKvs().isEmpty()
                  ? lockKeyGone(leaseId)
                  : acquired(commit, token))
              .eventually(() -> Future.fromCompletionStage(client.getLockClient().unlock(key), context)
                  .onFailure(err -> log.warn("Cannot unlock {}: {}", EtcdClients.text(key), err.toString()))
                  .otherwiseEmpty());
        });
  }

  private <T> Future<T> lockKeyGone(long leaseId) {
    failed.increment();
    return Future.failedFuture(new LeaseLostException("lock key gone: lease " + Long.toHexString(leaseId)
        + " expired"));
  }

  private <T> Future<T> acquired(Function<Long, Future<T>> commit, long token) {
    acquired.increment();
    return commit.apply(token);
  }
}

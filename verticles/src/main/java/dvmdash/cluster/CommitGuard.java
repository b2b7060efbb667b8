package dvmdash.cluster;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Runs a processor's rollup commit under the cluster's commit lock. The commit gets the fencing token of its lock
 * (null when there is no lock: a single node) and must write it in the same transaction, refusing a stale one.
 */
public interface CommitGuard {

  /** No lock, no fencing: the single-node default. */
  CommitGuard NONE = new CommitGuard() {
    @Override
    public <T> Future<T> guard(Function<Long, Future<T>> commit) {
      return commit.apply(null);
    }
  };

  <T> Future<T> guard(Function<Long, Future<T>> commit);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}

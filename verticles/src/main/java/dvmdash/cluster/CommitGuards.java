package dvmdash.cluster;

import dvmdash.shared.config.EtcdConfig;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** The commit guard a processor uses: the etcd lock when {@code etcd.endpoints} is set, else none. */
public final class CommitGuards {

  private CommitGuards() {
  }

  public static Future<CommitGuard> fromConfig(Vertx vertx, JsonObject root) {
    EtcdConfig cfg = EtcdConfig.fromJson(root);
    if (!cfg.enabled()) {
      return Future.succeededFuture(CommitGuard.NONE);
    }
    Client client = EtcdClients.create(cfg);
    LeaseKeeper lease = new LeaseKeeper(vertx, client, cfg.leaseTtlSeconds());
    EtcdCommitGuard guard = new EtcdCommitGuard(vertx, client, lease, cfg.prefix(), cfg.lockTimeoutMillis());
    return lease.start()
        .<CommitGuard>map(id -> new CommitGuard() {
          @Override
          public <T> Future<T> guard(Function<Long, Future<T>> commit) {
            return guard.guard(commit);
          }

          @Override
          public Future<Void> close() {
            return lease.stop().eventually(() -> {
              client.close();
              return Future.succeededFuture();
            });
          }
        })
        .onFailure(err -> client.close());
  }
}

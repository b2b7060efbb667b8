package dvmdash.api;

import dvmdash.cluster.EtcdRelayList;
import dvmdash.collector.RelayEdit;
import dvmdash.collector.RelayList;
import dvmdash.shared.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import java.util.NoSuchElementException;

/**
 * Applies an operator's {@link RelayEdit} where the relay list lives: the etcd key in a cluster (collectors pick the
 * change up at their next rebalance step), else the local collector supervisor (which redeploys its collector). Fails
 * with {@link IllegalArgumentException} (400), {@link NoSuchElementException} (404) or {@link IllegalStateException}
 * (503: nowhere to apply it).
 */
public final class RelayListEditor {

  private final Vertx vertx;
  private final EtcdRelayList etcd;

  /** {@code etcd}: the cluster list, or null without etcd. */
  public RelayListEditor(Vertx vertx, EtcdRelayList etcd) {
    this.vertx = vertx;
    this.etcd = etcd;
  }

  /** The list in effect after the edit. */
  public Future<RelayList> edit(RelayEdit edit) {
    if (etcd != null) {
      return etcd.update(edit::apply);
    }
    return vertx.eventBus().<JsonArray>request(Addresses.ADMIN_EDIT_RELAYS, edit.toJson())
        .map(m -> RelayList.fromJson(m.body()))
        .recover(err -> Future.failedFuture(translate(err)));
  }

  private static Throwable translate(Throwable err) {
    if (err instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return new IllegalStateException("no collector on this node and no etcd configured: the relay list can only"
            + " be edited on a collector node or through etcd");
      }
      if (re.failureCode() == 400) {
        return new IllegalArgumentException(re.getMessage());
      }
      if (re.failureCode() == 404) {
        return new NoSuchElementException(re.getMessage());
      }
    }
    return new IllegalStateException(err.getMessage(), err);
  }
}

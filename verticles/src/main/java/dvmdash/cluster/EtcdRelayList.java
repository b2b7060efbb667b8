package dvmdash.cluster;

import static dvmdash.cluster.EtcdClients.bytes;
import static dvmdash.cluster.EtcdClients.text;

import dvmdash.collector.RelayList;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.function.UnaryOperator;

/**
 * The cluster's relay list with activity marks, one etcd key {@code <prefix>relay-list} (JSON array of
 * {@code {"url", "activity"}}, no lease: it outlives every node). Absent until the first collector seeds it from its
 * config ({@link #seed}, create-if-absent transaction, so two starting collectors cannot race). Admin edits
 * ({@link #update}) are compare-and-set on the key's modification revision, retried a few times on a concurrent
 * change, so no edit is lost. A key that does not parse reads as an {@link IllegalStateException}.
 */
public final class EtcdRelayList {

  private static final int MAX_ATTEMPTS = 5;

  private final Context context;
  private final Client client;
  private final ByteSequence key;
  private final RelayList fallback;

  /** {@code fallback}: the list used when the key is absent (the node's configured relays). */
  public EtcdRelayList(Context context, Client client, String prefix, RelayList fallback) {
    this.context = context;
    this.client = client;
    this.key = bytes(prefix + "relay-list");
    this.fallback = fallback;
  }

  /** The list and the key's modification revision (0 when absent: then the fallback list). */
  public record Versioned(RelayList list, long revision) {
  }

  public Future<Versioned> read() {
    return Future.fromCompletionStage(client.getKVClient().get(key), context).map(r -> {
      if (r.getKvs().isEmpty()) {
        return new Versioned(fallback, 0);
      }
      KeyValue kv = r.getKvs().get(0);
      try {
        return new Versioned(RelayList.fromJson(new JsonArray(text(kv.getValue()))), kv.getModRevision());
      } catch (RuntimeException e) {
        throw new IllegalStateException("etcd key " + text(key) + " is not a relay list: " + e.getMessage(), e);
      }
    });
  }

  public Future<RelayList> list() {
    return read().map(Versioned::list);
  }

  /** Writes the fallback list if the key is absent; resolves to whether this call created it. */
  public Future<Boolean> seed() {
    return Future.fromCompletionStage(client.getKVClient().txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(key, bytes(fallback.toJson().encode()), PutOption.DEFAULT))
        .commit(), context).map(r -> r.isSucceeded());
  }

  /**
   * Applies {@code edit} to the current list and stores the result if nobody changed the key meanwhile (else reads
   * and tries again). Exceptions thrown by the edit (bad input, unknown relay) fail the future unchanged.
   */
  public Future<RelayList> update(UnaryOperator<RelayList> edit) {
    return attempt(edit, 1);
  }

  private Future<RelayList> attempt(UnaryOperator<RelayList> edit, int n) {
    return read().compose(current -> {
      RelayList next;
      try {
        next = edit.apply(current.list());
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      Cmp unchanged = current.revision() == 0
          ? new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0))
          : new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(current.revision()));
      return Future.fromCompletionStage(client.getKVClient().txn()
          .If(unchanged)
          .Then(Op.put(key, bytes(next.toJson().encode()), PutOption.DEFAULT))
          .commit(), context).compose(r -> {
            if (r.isSucceeded()) {
              return Future.succeededFuture(next);
            }
            if (n >= MAX_ATTEMPTS) {
              return Future.failedFuture(new IllegalStateException("relay list changed concurrently " + n
                  + " times; try again"));
            }
            return attempt(edit, n + 1);
          });
    });
  }
}

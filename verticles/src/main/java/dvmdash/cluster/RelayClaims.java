package dvmdash.cluster;

import static dvmdash.cluster.EtcdClients.bytes;
import static dvmdash.cluster.EtcdClients.text;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collectors' keys in etcd, all bound to the owner's lease: {@code <prefix>collectors/<id>} (membership) and
 * {@code <prefix>relays/<url-encoded relay>} = owner id (one claim per relay, created only if absent).
 */
public final class RelayClaims {

  private final Context context;
  private final Client client;
  private final String collectorsPrefix;
  private final String relaysPrefix;
  private final String me;

  public RelayClaims(Context context, Client client, String prefix, String me) {
    this.context = context;
    this.client = client;
    this.collectorsPrefix = prefix + "collectors/";
    this.relaysPrefix = prefix + "relays/";
    this.me = me;
  }

  /** Puts this collector's membership key under {@code lease} (again after a new lease). */
  public Future<Void> register(long lease) {
    return Future.fromCompletionStage(client.getKVClient().put(bytes(collectorsPrefix + me), bytes(me),
        PutOption.builder().withLeaseId(lease).build()), context).mapEmpty();
  }

  public Future<List<String>> liveCollectors() {
    return prefix(collectorsPrefix).map(kvs -> kvs.stream().map(kv -> text(kv.getValue())).toList());
  }

  /** Relay URL → owner id, for every claimed relay. */
  public Future<Map<String, String>> claims() {
    return prefix(relaysPrefix).map(kvs -> {
      Map<String, String> out = new HashMap<>();
      for (KeyValue kv : kvs) {
        String relay = URLDecoder.decode(text(kv.getKey()).substring(relaysPrefix.length()), StandardCharsets.UTF_8);
        out.put(relay, text(kv.getValue()));
      }
      return out;
    });
  }

  /** Claims a relay if nobody holds it; resolves to whether this collector got it. */
  public Future<Boolean> claim(String relay, long lease) {
    ByteSequence key = key(relay);
    return Future.fromCompletionStage(client.getKVClient().txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(key, bytes(me), PutOption.builder().withLeaseId(lease).build()))
        .commit(), context).map(r -> r.isSucceeded());
  }

  /** Gives a relay up if this collector holds it. */
  public Future<Void> release(String relay) {
    ByteSequence key = key(relay);
    return Future.fromCompletionStage(client.getKVClient().txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(bytes(me))))
        .Then(Op.delete(key, DeleteOption.DEFAULT))
        .commit(), context).mapEmpty();
  }

  private ByteSequence key(String relay) {
    return bytes(relaysPrefix + URLEncoder.encode(relay, StandardCharsets.UTF_8));
  }

  private Future<List<KeyValue>> prefix(String p) {
    return Future.fromCompletionStage(client.getKVClient().get(bytes(p), GetOption.builder().isPrefix(true).build()),
        context).map(r -> new ArrayList<>(r.getKvs()));
  }
}

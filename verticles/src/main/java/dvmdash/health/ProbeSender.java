package dvmdash.health;

import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Sends one probe: a kind 7007 ping p-tagging the DVM, signed with the monitor key, recorded in
 * {@code health_probes} and then handed to this node's collector, which writes it to its configured relays only.
 */
public final class ProbeSender implements Pinger {

  public static final int PING = 7007;
  private static final String RECORD = "INSERT INTO health_probes (ping_id, dvm, sent_at) VALUES ($1, $2, $3)";
  /** A probe is evidence: the DVM is evaluated (also without heartbeats or results) until its outcome is known. */
  private static final String TOUCH = """
      INSERT INTO dvm_health AS d (dvm, first_evidence, last_evidence) VALUES ($1, $2, $3)
      ON CONFLICT (dvm) DO UPDATE SET last_evidence = greatest(d.last_evidence, excluded.last_evidence)""";

  private final Vertx vertx;
  private final Pool pool;
  private final EventSigner signer;

  public ProbeSender(Vertx vertx, Pool pool, EventSigner signer) {
    this.vertx = vertx;
    this.pool = pool;
    this.signer = signer;
  }

  /** The monitor's public key (the ping's author; pongs p-tag it). */
  public String monitorPubkey() {
    return signer.pubkey();
  }

  /** Resolves to the number of relays the ping was written to (0: none connected). */
  @Override
  public Future<Integer> ping(String dvm, long now) {
    NostrEvent ping = signer.sign(now, PING, List.of(List.of("p", dvm)), "");
    long minute = Math.floorDiv(now, 60) * 60;
    return pool.preparedQuery(RECORD).execute(Tuple.of(ping.id(), dvm, now))
        .compose(v -> pool.preparedQuery(TOUCH).execute(Tuple.of(dvm, minute,
            Math.floorDiv(now + HealthRepository.PROBE_TIMEOUT, 60) * 60)))
        .compose(v -> vertx.eventBus().<Integer>request(Addresses.RELAYS_PUBLISH,
            new JsonObject(EventWriter.toJson(ping))))
        .map(m -> m.body());
  }
}

package dvmdash.health;

import dvmdash.shared.Addresses;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.HealthEvidenceWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one probe: a kind 7007 ping p-tagging the DVM, signed with the monitor key and recorded in
 * {@code health_probes}, then written where {@link ProbeRelays} routes it. A DVM without announced relays in use gets
 * it through this node's collector on every configured relay (its pong comes back the same way, into the batch). A
 * DVM with announced relays gets it on exactly those: through the collector on the ones it is connected to, and over
 * a short-lived connection of its own ({@link RelayPost#sendAndAwait}) on the others, which subscribes for the pong
 * ({@code #e} = the ping, {@code #p} = the monitor) until it arrives or {@link HealthRepository#PROBE_TIMEOUT} is up.
 * A pong heard that way is recorded at once ({@link HealthEvidenceWriter#pongs}) and handed, with its ping, to the
 * processor like any event collected (when this node runs one), so both can be opened in the debugger.
 */
public final class ProbeSender implements Pinger {

  private static final Logger log = LoggerFactory.getLogger(ProbeSender.class);
  public static final int PING = 7007;
  /** Connecting and the relay's OK, per short-lived connection. */
  static final long OK_TIMEOUT_MILLIS = 10_000;
  private static final String RECORD = "INSERT INTO health_probes (ping_id, dvm, sent_at) VALUES ($1, $2, $3)";
  /** A probe is evidence: the DVM is evaluated (also without heartbeats or results) until its outcome is known. */
  private static final String TOUCH = """
      INSERT INTO dvm_health AS d (dvm, first_evidence, last_evidence) VALUES ($1, $2, $3)
      ON CONFLICT (dvm) DO UPDATE SET last_evidence = greatest(d.last_evidence, excluded.last_evidence)""";

  private final Vertx vertx;
  private final Pool pool;
  private final EventSigner signer;
  private final ProbeRelays relays;
  private final WebSocketClient client;
  final AtomicLong refused = new AtomicLong();
  final AtomicLong pongsHeard = new AtomicLong();

  /** {@code client}: for the short-lived connections to announced relays (owned by the caller). */
  public ProbeSender(Vertx vertx, Pool pool, EventSigner signer, ProbeRelays relays, WebSocketClient client) {
    this.vertx = vertx;
    this.pool = pool;
    this.signer = signer;
    this.relays = relays;
    this.client = client;
  }

  /** The monitor's public key (the ping's author; pongs p-tag it). */
  public String monitorPubkey() {
    return signer.pubkey();
  }

  /** Resolves to the number of relays the ping was written to (0: none connected or reachable). */
  @Override
  public Future<Integer> ping(String dvm, long now) {
    NostrEvent ping = signer.sign(now, PING, List.of(List.of("p", dvm)), "");
    ProbeRelays.Route route = relays.route(dvm);
    refused.addAndGet(route.refused());
    long minute = Math.floorDiv(now, 60) * 60;
    Future<?> recorded = pool.preparedQuery(RECORD).execute(Tuple.of(ping.id(), dvm, now))
        .compose(v -> pool.preparedQuery(TOUCH).execute(Tuple.of(dvm, minute,
            Math.floorDiv(now + HealthRepository.PROBE_TIMEOUT, 60) * 60)));
    JsonObject json = new JsonObject(EventWriter.toJson(ping));
    if (route.targets().isEmpty()) {
      return recorded.compose(v -> vertx.eventBus().<Integer>request(Addresses.RELAYS_PUBLISH, json))
          .map(m -> m.body());
    }
    return recorded.compose(v -> vertx.eventBus().<JsonArray>request(Addresses.RELAYS_PUBLISH_TO,
            new JsonObject().put("event", json).put("relays", new JsonArray(route.urls())))
        .map(m -> m.body())
        .otherwise(err -> new JsonArray())) // no collector on this node: every announced relay over a connection
        .compose(viaCollector -> {
          Set<String> written = new HashSet<>();
          viaCollector.forEach(o -> written.add(String.valueOf(o)));
          List<Future<Void>> posts = new ArrayList<>();
          for (ProbeRelays.Target t : route.targets()) {
            if (!written.contains(t.url())) {
              posts.add(direct(dvm, ping, t));
            }
          }
          return Future.join(posts).transform(ar -> {
            int n = written.size();
            for (Future<Void> f : posts) {
              n += f.succeeded() ? 1 : 0;
            }
            return Future.succeededFuture(n);
          });
        });
  }

  /** The ping on one announced relay over a connection of its own; completes when the relay accepted it. */
  private Future<Void> direct(String dvm, NostrEvent ping, ProbeRelays.Target target) {
    JsonObject filter = new JsonObject().put("kinds", new JsonArray().add(7000))
        .put("#e", new JsonArray().add(ping.id())).put("#p", new JsonArray().add(signer.pubkey()));
    RelayPost.Posted posted = RelayPost.sendAndAwait(vertx, client, target.url(), target.server(), ping.id(),
        EventWriter.toJson(ping), OK_TIMEOUT_MILLIS, filter, e -> isPong(e, dvm, ping.id()),
        HealthRepository.PROBE_TIMEOUT * 1000);
    posted.answer().onSuccess(pong -> {
      if (pong != null) {
        pongsHeard.incrementAndGet();
        record(ping, pong, target.url());
      }
    });
    return posted.accepted().onFailure(err -> log.debug("Ping to {} on {} not accepted: {}", dvm, target.url(),
        err.getMessage()));
  }

  /** A pong of {@code dvm} to the ping {@code pingId}. */
  static boolean isPong(NostrEvent e, String dvm, String pingId) {
    return e.kind() == 7000 && dvm.equals(e.pubkey()) && "pong".equals(Classifier.feedbackStatus(e))
        && pingId.equals(Classifier.requestRef(e));
  }

  private void record(NostrEvent ping, NostrEvent pong, String url) {
    pool.withTransaction(conn -> HealthEvidenceWriter.pongs(conn, List.of(pong)))
        .onFailure(err -> log.warn("Pong {} of {} not recorded: {}", pong.id(), pong.pubkey(), err.toString()));
    long at = System.currentTimeMillis();
    vertx.eventBus().request(Addresses.INGEST_EVENTS,
            new IngestBatch(List.of(ReceivedEvent.of(ping, url, at), ReceivedEvent.of(pong, url, at))))
        .onFailure(err -> log.debug("Ping {} and pong {} not handed to a processor: {}", ping.id(), pong.id(),
            err.getMessage()));
  }
}

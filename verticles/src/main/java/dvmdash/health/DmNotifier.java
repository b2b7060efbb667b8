package dvmdash.health;

import dvmdash.shared.config.RelayUrls;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.PrivateMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends state changes of watched DVMs as NIP-17 direct messages ({@link PrivateMessage}, NIP-44 encrypted) from the
 * monitor key to one recipient, to each configured relay and each of the recipient's inbox relays (its kind 10050
 * list, {@link InboxRelays}, looked up on the configured relays at most hourly) over connections of its own
 * ({@link RelayPost}). A message is
 * delivered when at least one relay accepted it (OK true); otherwise it is retried with the webhook's backoff up to
 * {@code retries} times, then counted as failed. At most {@link WebhookNotifier#MAX_PENDING} wait at once (more are
 * dropped and counted). Never throws from {@link #send}; the key is never logged.
 */
public final class DmNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DmNotifier.class);
  private static final long TIMEOUT_MS = 10_000;
  private static final long INBOX_TTL_MS = 3_600_000;

  private final Vertx vertx;
  private final EventSigner monitor;
  private final String recipient;
  private final List<String> relays;
  private final int retries;
  private final long baseMillis;
  private final LongSupplier nowSeconds;
  private final WebSocketClient client;
  private List<String> inbox = List.of();
  private long inboxAt;
  private final AtomicLong pending = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  /** Relays that refused, timed out or could not be reached, per attempt and relay. */
  final AtomicLong relayFailures = new AtomicLong();

  public DmNotifier(Vertx vertx, EventSigner monitor, String recipient, List<String> relays, int retries,
                    long baseMillis, LongSupplier nowSeconds) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("health.dm_relays: no relay to send direct messages to");
    }
    for (String r : relays) {
      if (!r.startsWith("ws://") && !r.startsWith("wss://")) {
        throw new IllegalArgumentException("health.dm_relays: not a ws:// or wss:// URL: " + RelayUrls.redact(r));
      }
    }
    this.vertx = vertx;
    this.monitor = monitor;
    this.recipient = recipient;
    this.relays = List.copyOf(relays);
    this.retries = retries;
    this.baseMillis = baseMillis;
    this.nowSeconds = nowSeconds;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions());
  }

  public String recipient() {
    return recipient;
  }

  /** Queues the message of one change {pubkey, npub, at, state, previous, cause} (non-blocking). */
  public void send(JsonObject change) {
    if (pending.incrementAndGet() > WebhookNotifier.MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      log.warn("direct messages: {} pending, dropping the change of {}", WebhookNotifier.MAX_PENDING,
          change.getString("pubkey"));
      return;
    }
    NostrEvent wrap;
    try {
      wrap = PrivateMessage.wrap(monitor, recipient, HealthMessage.text(change), nowSeconds.getAsLong());
    } catch (RuntimeException e) {
      pending.decrementAndGet();
      failed.incrementAndGet();
      log.warn("direct messages: cannot write the message of the change of {}: {}", change.getString("pubkey"),
          e.toString());
      return;
    }
    attempt(wrap, change.getString("pubkey"), 0);
  }

  /** The configured relays plus the recipient's inbox relays (kind 10050, looked up on them at most hourly). */
  private Future<List<String>> targets() {
    long t = System.currentTimeMillis();
    if (inboxAt != 0 && t - inboxAt < INBOX_TTL_MS) {
      return Future.succeededFuture(union());
    }
    return InboxRelays.lookup(vertx, client, relays, recipient, TIMEOUT_MS).map(list -> {
      if (!list.equals(inbox)) {
        log.info("direct messages: the recipient's inbox relays (kind 10050): {}", RelayUrls.redactAll(list));
      }
      inbox = list;
      inboxAt = t;
      return union();
    });
  }

  private List<String> union() {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(relays);
    out.addAll(inbox);
    return new ArrayList<>(out);
  }

  private void attempt(NostrEvent wrap, String dvm, int attempt) {
    targets().onComplete(ar -> post(wrap, dvm, attempt, ar.succeeded() ? ar.result() : relays));
  }

  private void post(NostrEvent wrap, String dvm, int attempt, List<String> targets) {
    String json = EventWriter.toJson(wrap);
    List<Future<Void>> posts = new ArrayList<>();
    for (String relay : targets) {
      posts.add(RelayPost.send(vertx, client, relay, wrap.id(), json, TIMEOUT_MS).onFailure(err -> {
        relayFailures.incrementAndGet();
        log.debug("direct message {} to {}: {}", wrap.id(), RelayUrls.redact(relay), err.getMessage());
      }));
    }
    Future.join(posts).onComplete(ar -> {
      boolean ok = posts.stream().anyMatch(Future::succeeded);
      if (ok) {
        delivered.incrementAndGet();
        pending.decrementAndGet();
      } else if (attempt < retries) {
        retried.incrementAndGet();
        vertx.setTimer(WebhookNotifier.backoffMillis(baseMillis, attempt), id -> attempt(wrap, dvm, attempt + 1));
      } else {
        failed.incrementAndGet();
        pending.decrementAndGet();
        log.warn("direct messages: giving up on the change of {} after {} attempts: no relay accepted it", dvm,
            attempt + 1);
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}

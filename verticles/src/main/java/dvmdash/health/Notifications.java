package dvmdash.health;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification channels of state changes of watched DVMs, from the {@code health} config: the webhook
 * ({@code webhook_url}) and the Nostr direct message ({@code dm_npub}, sent from the monitor key to {@code dm_relays},
 * else to the collector's relays), each with its counters.
 */
public final class Notifications implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final WebhookNotifier webhook;
  private final DmNotifier dm;
  private final VerticleMeters meters;
  final AtomicLong muted = new AtomicLong();

  Notifications(WebhookNotifier webhook, DmNotifier dm, VerticleMeters meters) {
    this.webhook = webhook;
    this.dm = dm;
    this.meters = meters.counter("dvmdash_health_notifications_muted_total",
        "State changes of watched DVMs not notified because they fell in a maintenance window", Tags.empty(), this,
        n -> n.muted.get());
  }

  /** The channels configured in the root config (none: notifications off); throws IllegalArgumentException. */
  public static Notifications fromConfig(Vertx vertx, JsonObject root, LongSupplier nowSeconds) {
    JsonObject h = root.getJsonObject("health", new JsonObject());
    VerticleMeters meters = new VerticleMeters(AppMetrics.registry(vertx));
    WebhookNotifier webhook = null;
    String hook = h.getString("webhook_url");
    if (hook != null && !hook.isBlank()) {
      webhook = new WebhookNotifier(vertx, hook, h.getInteger("webhook_retries", 5),
          h.getLong("webhook_backoff_ms", 1_000L));
      meters.counter("dvmdash_health_webhook_deliveries_total", "Webhook notifications delivered (2xx)",
              VerticleMeters.tags("result", "ok"), webhook, w -> w.delivered.get())
          .counter("dvmdash_health_webhook_deliveries_total", "Webhook notifications given up after the retries",
              VerticleMeters.tags("result", "failed"), webhook, w -> w.failed.get())
          .counter("dvmdash_health_webhook_retries_total", "Webhook attempts retried after a failure", Tags.empty(),
              webhook, w -> w.retried.get())
          .counter("dvmdash_health_webhook_dropped_total", "Webhook notifications dropped (too many pending)",
              Tags.empty(), webhook, w -> w.dropped.get());
    }
    DmNotifier dm = null;
    String npub = h.getString("dm_npub");
    if (npub != null && !npub.isBlank()) {
      String recipient;
      try {
        recipient = WatchList.pubkey(npub);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("health.dm_npub: " + e.getMessage());
      }
      Optional<EventSigner> key = MonitorKey.fromConfig(root, System.getenv(MonitorKey.ENV));
      if (key.isEmpty()) {
        throw new IllegalArgumentException("health.dm_npub needs a monitor key (health.monitor_key or "
            + MonitorKey.ENV + ") to send from");
      }
      dm = new DmNotifier(vertx, key.get(), recipient, relays(root), h.getInteger("dm_retries", 3),
          h.getLong("dm_backoff_ms", 5_000L), nowSeconds);
      meters.counter("dvmdash_health_dm_deliveries_total", "Direct messages accepted by at least one relay",
              VerticleMeters.tags("result", "ok"), dm, d -> d.delivered.get())
          .counter("dvmdash_health_dm_deliveries_total", "Direct messages no relay accepted after the retries",
              VerticleMeters.tags("result", "failed"), dm, d -> d.failed.get())
          .counter("dvmdash_health_dm_retries_total", "Direct messages retried after no relay accepted them",
              Tags.empty(), dm, d -> d.retried.get())
          .counter("dvmdash_health_dm_relay_failures_total", "Relays that refused, timed out or were unreachable "
              + "(per attempt and relay)", Tags.empty(), dm, d -> d.relayFailures.get())
          .counter("dvmdash_health_dm_dropped_total", "Direct messages dropped (too many pending)", Tags.empty(), dm,
              d -> d.dropped.get());
      log.info("State changes of watched DVMs go as direct messages to {}", Nip19.encodeNpub(recipient));
    }
    return new Notifications(webhook, dm, meters);
  }

  /** {@code health.dm_relays}, else the collector's configured relays. */
  static List<String> relays(JsonObject root) {
    JsonArray list = root.getJsonObject("health", new JsonObject()).getJsonArray("dm_relays");
    if (list == null || list.isEmpty()) {
      list = root.getJsonObject("collector", new JsonObject()).getJsonArray("relays", new JsonArray());
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      out.add(String.valueOf(o).trim());
    }
    return out;
  }

  /**
   * Sends one change {pubkey, npub, at, state, previous, cause} on every channel (non-blocking), unless
   * {@code muted} (its time falls in a maintenance window of the DVM): then it is only counted.
   */
  public void send(JsonObject change, boolean muted) {
    if (muted) {
      this.muted.incrementAndGet();
      log.info("State change of {} to {} not notified: in a maintenance window", change.getString("npub"),
          change.getString("state"));
      return;
    }
    if (webhook != null) {
      webhook.send(change);
    }
    if (dm != null) {
      dm.send(change);
    }
  }

  @Override
  public void close() {
    meters.close();
    if (webhook != null) {
      webhook.close();
    }
    if (dm != null) {
      dm.close();
    }
  }
}

package dvmdash.health;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active probing, only with a monitor key ({@link MonitorKey}): every 5 s ({@link #tick}, wall clock), pings the
 * targets that are due ({@link ProbeTargets}: the watched DVMs, and with {@code health.probe_recent_dvms} every DVM
 * seen in the last 7 days, refreshed every 5 minutes; {@link ProbeSchedule}: {@code health.probe_interval_seconds}
 * 300, {@code probe_max_per_minute} 60 in total, {@code probe_max_per_relay_per_minute} 60 on any one relay,
 * {@code probe_jitter_seconds} 60) on the relays {@link ProbeRelays} routes each to: those its latest announcement
 * names (reloaded every {@code probe_relays_refresh_seconds}, 60; loopback, private and link-local addresses refused
 * unless {@code probe_private_relays}), else the configured relays.
 */
public final class ProbeLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProbeLoop.class);
  private static final long REFRESH_MS = 300_000;

  private final Vertx vertx;
  private final Pinger pinger;
  private final ProbeSchedule schedule;
  private final ProbeTargets targets;
  private final Function<String, List<String>> relaysOf;
  private final VerticleMeters meters;
  private long timer = -1;
  private long refreshTimer = -1;
  private long relaysTimer = -1;
  private WebSocketClient client;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  /** Every ping counted on no relay by the schedule (only the total cap applies). */
  ProbeLoop(Vertx vertx, Pinger pinger, ProbeSchedule schedule, ProbeTargets targets) {
    this(vertx, pinger, schedule, targets, dvm -> List.of());
  }

  /** {@code relaysOf}: the relays each DVM's ping is written to, for the schedule's per-relay bound. */
  ProbeLoop(Vertx vertx, Pinger pinger, ProbeSchedule schedule, ProbeTargets targets,
            Function<String, List<String>> relaysOf) {
    this.vertx = vertx;
    this.pinger = pinger;
    this.schedule = schedule;
    this.targets = targets;
    this.relaysOf = relaysOf;
    this.meters = new VerticleMeters(AppMetrics.registry(vertx))
        .counter("dvmdash_health_probes_sent_total", "Pings (kind 7007) written to at least one relay", Tags.empty(),
            this, p -> p.sent.get())
        .counter("dvmdash_health_probe_send_failures_total", "Pings not recorded or written to no relay",
            Tags.empty(), this, p -> p.failures.get());
  }

  /** The running loop, or null when no monitor key is configured (probing off). */
  public static ProbeLoop start(Vertx vertx, JsonObject root, Pool pool, Supplier<List<String>> watched) {
    Optional<EventSigner> key = MonitorKey.fromConfig(root, System.getenv(MonitorKey.ENV));
    if (key.isEmpty()) {
      log.info("Active probing off (no health.monitor_key / {})", MonitorKey.ENV);
      return null;
    }
    JsonObject h = root.getJsonObject("health", new JsonObject());
    ProbeRelays relays = new ProbeRelays(pool, new RelayGuard(vertx, h.getBoolean("probe_private_relays", false)),
        ProbeRelays.configured(root));
    WebSocketClient client = vertx.createWebSocketClient();
    ProbeSender sender = new ProbeSender(vertx, pool, key.get(), relays, client);
    int total = h.getInteger("probe_max_per_minute", 60);
    ProbeSchedule schedule = new ProbeSchedule(h.getLong("probe_interval_seconds", 300L), total,
        h.getLong("probe_jitter_seconds", 60L), h.getInteger("probe_max_per_relay_per_minute", total));
    ProbeTargets targets = new ProbeTargets(pool, h.getBoolean("probe_recent_dvms", false), watched);
    long relaysRefresh = h.getLong("probe_relays_refresh_seconds", 60L);
    if (relaysRefresh < 1) {
      throw new IllegalArgumentException("health.probe_relays_refresh_seconds must be >= 1");
    }
    log.info("Active probing on as monitor {} ({})", Nip19.encodeNpub(sender.monitorPubkey()),
        targets.recentOn() ? "watched DVMs and every DVM seen in the last 7 days" : "watched DVMs");
    ProbeLoop loop = new ProbeLoop(vertx, sender, schedule, targets, relays::relaysOf);
    loop.client = client;
    loop.meters
        .counter("dvmdash_health_probe_relays_refused_total",
            "Announced relays a ping was not sent to: they resolve to a loopback, private or link-local address, or "
                + "not at all", Tags.empty(), sender, p -> p.refused.get())
        .counter("dvmdash_health_probe_pongs_heard_total",
            "Pongs heard on announced relays over DVMDash's own short-lived connections", Tags.empty(), sender,
            p -> p.pongsHeard.get())
        .gauge("dvmdash_health_probe_announcing_dvms", "DVMs pinged on the relays of their announcement",
            Tags.empty(), relays, ProbeRelays::announcing);
    loop.timer = vertx.setPeriodic(5_000, id -> loop.tick(System.currentTimeMillis() / 1000));
    if (targets.recentOn()) {
      loop.refreshTimer = vertx.setPeriodic(1_000, REFRESH_MS, id -> targets.refresh(System.currentTimeMillis() / 1000)
          .onFailure(err -> log.warn("Recently seen DVMs not reloaded, probing the previous list: {}",
              err.toString())));
    }
    loop.relaysTimer = vertx.setPeriodic(1_000, relaysRefresh * 1_000, id -> relays.refresh()
        .onFailure(err -> log.warn("Announced relays not reloaded, probing on the previous lists: {}",
            err.toString())));
    return loop;
  }

  /** Pings the targets due at {@code now}. */
  void tick(long now) {
    for (String dvm : schedule.due(targets.get(), relaysOf, now)) {
      Future<Integer> f;
      try {
        f = pinger.ping(dvm, now);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onSuccess(relays -> (relays > 0 ? sent : failures).incrementAndGet())
          .onFailure(err -> {
            failures.incrementAndGet();
            log.debug("Ping to {} failed: {}", dvm, err.toString());
          });
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(refreshTimer);
    vertx.cancelTimer(relaysTimer);
    meters.close();
    if (client != null) {
      client.close();
    }
  }
}

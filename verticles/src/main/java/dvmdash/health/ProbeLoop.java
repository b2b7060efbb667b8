package dvmdash.health;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Nip19;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active probing, only with a monitor key ({@link MonitorKey}): every 5 s, pings the watched DVMs that are due
 * ({@link ProbeSchedule}, wall clock; {@code health.probe_interval_seconds} 300, {@code probe_max_per_minute} 60,
 * {@code probe_jitter_seconds} 60) through this node's collector, so only to the configured relays.
 */
public final class ProbeLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProbeLoop.class);

  private final Vertx vertx;
  private final long timer;
  private final VerticleMeters meters;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  private ProbeLoop(Vertx vertx, ProbeSender sender, ProbeSchedule schedule, Supplier<List<String>> watched) {
    this.vertx = vertx;
    this.meters = new VerticleMeters(AppMetrics.registry(vertx))
        .counter("dvmdash_health_probes_sent_total", "Pings (kind 7007) written to at least one relay", Tags.empty(),
            this, p -> p.sent.get())
        .counter("dvmdash_health_probe_send_failures_total", "Pings not recorded or written to no relay",
            Tags.empty(), this, p -> p.failures.get());
    this.timer = vertx.setPeriodic(5_000, id -> {
      long now = System.currentTimeMillis() / 1000;
      for (String dvm : schedule.due(watched.get(), now)) {
        sender.ping(dvm, now).onSuccess(relays -> (relays > 0 ? sent : failures).incrementAndGet())
            .onFailure(err -> {
              failures.incrementAndGet();
              log.debug("Ping to {} failed: {}", dvm, err.toString());
            });
      }
    });
  }

  /** The running loop, or null when no monitor key is configured (probing off). */
  public static ProbeLoop start(Vertx vertx, JsonObject root, Pool pool, Supplier<List<String>> watched) {
    Optional<EventSigner> key = MonitorKey.fromConfig(root, System.getenv(MonitorKey.ENV));
    if (key.isEmpty()) {
      log.info("Active probing off (no health.monitor_key / {})", MonitorKey.ENV);
      return null;
    }
    JsonObject h = root.getJsonObject("health", new JsonObject());
    ProbeSender sender = new ProbeSender(vertx, pool, key.get());
    ProbeSchedule schedule = new ProbeSchedule(h.getLong("probe_interval_seconds", 300L),
        h.getInteger("probe_max_per_minute", 60), h.getLong("probe_jitter_seconds", 60L));
    log.info("Active probing on as monitor {}", Nip19.encodeNpub(sender.monitorPubkey()));
    return new ProbeLoop(vertx, sender, schedule, watched);
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    meters.close();
  }
}

package dvmdash.health;

import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.nostr.Nip19;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health evaluator's Prometheus series: its loop (rounds, failures, last success) and, for watched DVMs only
 * (label {@code dvm} = npub, at most {@link WatchList#MAX}), up, degraded and heartbeat age.
 */
public final class HealthMeters implements AutoCloseable {

  /** The latest known state of a watched DVM. */
  public record Watched(HealthState state, Long lastBeat) {
  }

  private final VerticleMeters meters;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private volatile long rounds;
  private volatile long failures;
  private volatile double lastSuccess = Double.NaN;
  private volatile long nowSeconds;

  public HealthMeters(MeterRegistry registry, List<String> watchList) {
    meters = new VerticleMeters(registry)
        .counter("dvmdash_health_evaluations_total", "Health evaluation rounds completed", Tags.empty(), this,
            m -> m.rounds)
        .counter("dvmdash_health_evaluation_failures_total", "Health evaluation rounds that failed", Tags.empty(),
            this, m -> m.failures)
        .gauge("dvmdash_health_last_success_timestamp_seconds", "Unix time of the last completed health round",
            Tags.empty(), this, m -> m.lastSuccess);
    for (String pubkey : watchList) {
      Tags tags = VerticleMeters.tags("dvm", Nip19.encodeNpub(pubkey));
      meters.gauge("dvmdash_dvm_up", "Watched DVM available (1: up or degraded, 0: down; NaN: silent)", tags, this,
          m -> m.up(pubkey));
      meters.gauge("dvmdash_dvm_degraded", "Watched DVM degraded (1) or not (0; NaN: silent)", tags, this,
          m -> m.degraded(pubkey));
      meters.gauge("dvmdash_dvm_heartbeat_age_seconds", "Seconds since the watched DVM's latest heartbeat "
          + "(NaN: none)", tags, this, m -> m.heartbeatAge(pubkey));
    }
  }

  public void succeeded(long now, Map<String, Watched> states) {
    watched.putAll(states);
    nowSeconds = now;
    rounds++;
    lastSuccess = now;
  }

  public void failed() {
    failures++;
  }

  double up(String pubkey) {
    Watched w = watched.get(pubkey);
    return w == null || w.state() == HealthState.SILENT ? Double.NaN : w.state().available() ? 1 : 0;
  }

  double degraded(String pubkey) {
    Watched w = watched.get(pubkey);
    return w == null || w.state() == HealthState.SILENT ? Double.NaN : w.state() == HealthState.DEGRADED ? 1 : 0;
  }

  double heartbeatAge(String pubkey) {
    Watched w = watched.get(pubkey);
    return w == null || w.lastBeat() == null ? Double.NaN : Math.max(0, nowSeconds - w.lastBeat());
  }

  @Override
  public void close() {
    meters.close();
  }
}

package dvmdash.metrics;

import dvmdash.collector.IngestForwarder;
import dvmdash.collector.RelayStats;
import dvmdash.shared.nostr.RejectReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Meters of the collector, read from its per-relay stats (labels: the configured relay URLs, a bounded set). */
public final class CollectorMetrics {

  private CollectorMetrics() {
  }

  public static void register(MeterRegistry r, List<RelayStats> relays, IngestForwarder forwarder) {
    for (RelayStats s : relays) {
      FunctionCounter.builder("dvmdash_relay_events_total", s, RelayStats::events).tag("relay", s.url())
          .description("Valid events received (duplicates included)").register(r);
      FunctionCounter.builder("dvmdash_relay_duplicates_total", s, RelayStats::duplicates).tag("relay", s.url())
          .register(r);
      for (RejectReason reason : RejectReason.values()) {
        FunctionCounter.builder("dvmdash_relay_invalid_total", s, x -> x.invalid(reason)).tag("relay", s.url())
            .tag("reason", reason.label()).register(r);
      }
      FunctionCounter.builder("dvmdash_relay_reconnects_total", s, RelayStats::reconnects).tag("relay", s.url())
          .register(r);
      Gauge.builder("dvmdash_relay_connected", s, x -> x.isConnected() ? 1 : 0).tag("relay", s.url()).register(r);
    }
    Gauge.builder("dvmdash_ingest_in_flight_events", forwarder, IngestForwarder::inFlight)
        .description("Events sent to the processor and not yet committed (bounded queue depth)").register(r);
    Gauge.builder("dvmdash_collector_paused", forwarder, f -> f.paused() ? 1 : 0)
        .description("1 while relay sockets are paused for backpressure").register(r);
  }
}

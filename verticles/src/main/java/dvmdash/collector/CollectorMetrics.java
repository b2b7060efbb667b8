package dvmdash.collector;

import dvmdash.metrics.RelayLabels;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.nostr.RejectReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Meters of one collector verticle, read from its per-relay stats and its forwarder (label {@code relay}: the
 * configured relay URLs, at most {@link RelayLabels#MAX_RELAYS}). Returned as {@link VerticleMeters}, which the
 * verticle closes on stop, so a redeployed collector continues the same counters.
 */
public final class CollectorMetrics {

  private CollectorMetrics() {
  }

  public static VerticleMeters register(MeterRegistry r, List<RelayStats> relays, IngestForwarder forwarder) {
    VerticleMeters m = new VerticleMeters(r);
    RelayLabels labels = RelayLabels.of(r);
    for (RelayStats s : relays) {
      Tags relay = Tags.of("relay", labels.label(s.url()));
      m.counter("dvmdash_relay_events_total", "Valid events accepted (first delivery to this collector; duplicates are counted apart)", relay, s,
          RelayStats::events);
      m.counter("dvmdash_relay_duplicates_total", "Valid events this node had already received", relay, s,
          RelayStats::duplicates);
      for (RejectReason reason : RejectReason.values()) {
        m.counter("dvmdash_relay_invalid_total", "Events rejected, by reason", relay.and("reason", reason.label()),
            s, x -> x.invalid(reason));
      }
      m.counter("dvmdash_relay_notices_total", "NOTICE frames received (logged at most 5 a minute per relay)",
          relay.and("type", "notice"), s, RelayStats::notices);
      m.counter("dvmdash_relay_notices_total", "CLOSED frames received (logged at most 5 a minute per relay)",
          relay.and("type", "closed"), s, RelayStats::closedFrames);
      m.counter("dvmdash_relay_reconnects_total", "Reconnection attempts", relay, s, RelayStats::reconnects);
      m.gauge("dvmdash_relay_connected", "1 while the relay's websocket is open", relay, s,
          x -> x.isConnected() ? 1 : 0);
    }
    m.gauge("dvmdash_ingest_in_flight_events",
        "Events sent to the processor (or Redis appender) and not yet acknowledged: the event-bus queue depth",
        Tags.empty(), forwarder, IngestForwarder::inFlight);
    m.gauge("dvmdash_ingest_in_flight_bytes",
        "Estimated bytes of the events awaiting acknowledgement, bounded by collector.max_in_flight_bytes",
        Tags.empty(), forwarder, IngestForwarder::inFlightBytes);
    m.gauge("dvmdash_collector_paused", "1 while relay sockets are paused for backpressure", Tags.empty(), forwarder,
        f -> f.paused() ? 1 : 0);
    return m;
  }
}

package dvmdash.collector;

import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The collector's liveness check for {@code /health}: a problem once events have waited for the processor's
 * acknowledgement for {@code health_stall_seconds} without any progress ({@link IngestForwarder#stalledMillis}).
 */
final class IngestStall implements Supplier<Optional<String>> {

  private final IngestForwarder forwarder;
  private final long limitMillis;
  private final LongSupplier nowMillis;

  IngestStall(IngestForwarder forwarder, long limitMillis, LongSupplier nowMillis) {
    this.forwarder = forwarder;
    this.limitMillis = limitMillis;
    this.nowMillis = nowMillis;
  }

  @Override
  public Optional<String> get() {
    return problem(forwarder.stalledMillis(nowMillis.getAsLong()), forwarder.inFlight(), limitMillis);
  }

  /** The problem of {@code inFlight} events unacknowledged for {@code stalledMillis}, if that reaches the limit. */
  static Optional<String> problem(long stalledMillis, int inFlight, long limitMillis) {
    return stalledMillis < limitMillis ? Optional.empty() : Optional.of("collector: " + inFlight
        + " events unacknowledged by the processor for " + stalledMillis / 1000 + " s");
  }
}

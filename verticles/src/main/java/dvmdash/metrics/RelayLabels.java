package dvmdash.metrics;

import dvmdash.shared.config.RelayUrls;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@code relay} label values of one registry, a bounded set: each relay URL keeps the label it first got for the
 * node's lifetime (so its counters continue after the relay list changes), and once {@link #MAX_RELAYS} distinct URLs
 * have a label of their own, further relays share the label {@value #OTHER}. Relay URLs come from the configured
 * relay list only, never from event content.
 */
public final class RelayLabels {

  /** Distinct relay label values per node, beyond which relays are labelled {@value #OTHER}. */
  public static final int MAX_RELAYS = 100;
  public static final String OTHER = "other";

  private static final Map<MeterRegistry, RelayLabels> BY_REGISTRY =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final int max;
  private final Map<String, String> labels = new HashMap<>();
  private int own;

  RelayLabels(int max) {
    this.max = max;
  }

  /** The label set of {@code registry}. */
  public static RelayLabels of(MeterRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, r -> new RelayLabels(MAX_RELAYS));
  }

  /**
   * The label of {@code url}: the URL with credentials and query values masked ({@link RelayUrls#redact}) while under
   * the cap, else {@value #OTHER}.
   */
  public synchronized String label(String url) {
    return labels.computeIfAbsent(url, u -> {
      if (own < max) {
        own++;
        return RelayUrls.redact(u);
      }
      return OTHER;
    });
  }
}

package dvmdash.health;

import dvmdash.shared.nostr.Bech32;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.Hex;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * The monitor's secret key for active probing: {@code health.monitor_key} or the environment variable
 * {@code DVMDASH_MONITOR_KEY}, 64 hex characters or an {@code nsec}. Never logged or served: this class keeps only the
 * signer, whose public key alone is shown.
 */
public final class MonitorKey {

  public static final String ENV = "DVMDASH_MONITOR_KEY";

  private MonitorKey() {
  }

  /** The signer, or empty when no key is configured (probing off); throws IllegalArgumentException for a bad key. */
  public static Optional<EventSigner> fromConfig(JsonObject root, String env) {
    String key = root.getJsonObject("health", new JsonObject()).getString("monitor_key");
    if (key == null || key.isBlank()) {
      key = env;
    }
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    String k = key.trim().toLowerCase(Locale.ROOT);
    byte[] secret;
    if (Hex.isLowerHex(k, 64)) {
      secret = Hex.decode(k);
    } else {
      Optional<Bech32.Decoded> d = Bech32.decode(k);
      if (d.isEmpty() || !"nsec".equals(d.get().hrp()) || d.get().data().length != 32) {
        throw new IllegalArgumentException("health.monitor_key (" + ENV + ") must be 64 hex characters or an nsec");
      }
      secret = d.get().data();
    }
    return Optional.of(new EventSigner(secret));
  }
}

package dvmdash.health;

import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.Nip19;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The watched DVMs ({@code health.watch}: hex pubkeys or npubs): the only DVMs with per-DVM Prometheus series, so the
 * label count stays bounded (at most {@link #MAX}).
 */
public record WatchList(List<String> pubkeys) {

  public static final int MAX = 100;

  public WatchList {
    pubkeys = List.copyOf(pubkeys);
  }

  /** Reads {@code health.watch} of the root config; throws IllegalArgumentException naming a bad entry. */
  public static WatchList fromJson(JsonObject root) {
    JsonArray list = root.getJsonObject("health", new JsonObject()).getJsonArray("watch", new JsonArray());
    Set<String> out = new LinkedHashSet<>();
    for (Object o : list) {
      out.add(pubkey(String.valueOf(o)));
    }
    if (out.size() > MAX) {
      throw new IllegalArgumentException("health.watch holds " + out.size() + " DVMs, at most " + MAX);
    }
    return new WatchList(new ArrayList<>(out));
  }

  /** A 64-hex pubkey or an npub, as lowercase hex. */
  public static String pubkey(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (Hex.isLowerHex(v, 64)) {
      return v;
    }
    Optional<String> hex = v.startsWith("npub") ? Nip19.decodeToHex(v) : Optional.empty();
    return hex.orElseThrow(() -> new IllegalArgumentException("not a pubkey (64 hex or npub): " + value));
  }
}

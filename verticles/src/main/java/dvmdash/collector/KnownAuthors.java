package dvmdash.collector;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DVM pubkeys whose kind-0 profiles the collector follows, in the order they were discovered: only 64-hex
 * pubkeys, each once. Connections read {@link #list()} on every connect and are told the index of the first new one.
 * Confined to the collector's event loop.
 */
final class KnownAuthors {

  private static final Pattern PUBKEY = Pattern.compile("[0-9a-f]{64}");

  private final Set<String> set = new HashSet<>();
  private final List<String> list = new ArrayList<>();

  /** Adds the valid pubkeys not known yet; the index of the first added, or -1 when none was new. */
  int add(JsonArray pubkeys) {
    if (pubkeys == null) {
      return -1;
    }
    int before = list.size();
    for (Object o : pubkeys) {
      if (o instanceof String pk && PUBKEY.matcher(pk).matches() && set.add(pk)) {
        list.add(pk);
      }
    }
    return list.size() > before ? before : -1;
  }

  boolean contains(String pubkey) {
    return set.contains(pubkey);
  }

  /** Every known author in discovery order (live: later additions show). */
  List<String> list() {
    return list;
  }
}

package dvmdash.cluster;

import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which relays a collector should own (fair share). Live collectors are sorted by id; the high-activity relays sorted
 * by URL come first, then the normal ones sorted by URL, and the k-th relay of that sequence goes to collector
 * k mod N. So the busy relays are spread evenly (per collector counts of high relays differ by at most one), every
 * collector's total differs by at most one, every relay has exactly one desired owner, and every collector computes
 * the same answer from the same list and membership, whatever their order.
 */
public final class RelayShare {

  private RelayShare() {
  }

  /** Relay URL → desired owner (absent when there is no collector). */
  public static Map<String, String> owners(RelayList relays, List<String> collectors) {
    List<String> sortedCollectors = collectors.stream().distinct().sorted().toList();
    List<RelayEntry> order = relays.entries().stream()
        .sorted(Comparator.comparing((RelayEntry e) -> !e.high()).thenComparing(RelayEntry::url))
        .toList();
    Map<String, String> out = new HashMap<>();
    if (sortedCollectors.isEmpty()) {
      return out;
    }
    for (int k = 0; k < order.size(); k++) {
      out.put(order.get(k).url(), sortedCollectors.get(k % sortedCollectors.size()));
    }
    return out;
  }

  /** The entries whose desired owner is {@code me}, in list order. */
  public static List<RelayEntry> mine(RelayList relays, List<String> collectors, String me) {
    Map<String, String> owners = owners(relays, collectors);
    List<RelayEntry> out = new ArrayList<>();
    for (RelayEntry e : relays.entries()) {
      if (me.equals(owners.get(e.url()))) {
        out.add(e);
      }
    }
    return out;
  }

  /** Plain URLs, all of normal activity. */
  public static List<String> mine(List<String> relays, List<String> collectors, String me) {
    return mine(RelayList.of(relays.stream().distinct().toList()), collectors, me).stream()
        .map(RelayEntry::url).toList();
  }
}

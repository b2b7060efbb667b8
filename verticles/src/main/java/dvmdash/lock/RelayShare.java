package dvmdash.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * Which relays a collector should own (fair share): relays sorted by URL, live collectors sorted by id, relay i goes
 * to collector i mod N. Every collector computes the same answer from the same membership, each relay has exactly
 * one desired owner, and the counts differ by at most one.
 */
public final class RelayShare {

  private RelayShare() {
  }

  /** The desired owner of each relay: {@code relays[i]} → result[i] (null when there is no collector). */
  public static List<String> owners(List<String> relays, List<String> collectors) {
    List<String> sortedRelays = relays.stream().distinct().sorted().toList();
    List<String> sortedCollectors = collectors.stream().distinct().sorted().toList();
    List<String> out = new ArrayList<>(relays.size());
    for (String r : relays) {
      out.add(sortedCollectors.isEmpty() ? null
          : sortedCollectors.get(sortedRelays.indexOf(r) % sortedCollectors.size()));
    }
    return out;
  }

  /** The relays whose desired owner is {@code me}, in the given order. */
  public static List<String> mine(List<String> relays, List<String> collectors, String me) {
    List<String> owners = owners(relays, collectors);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < relays.size(); i++) {
      if (me.equals(owners.get(i))) {
        out.add(relays.get(i));
      }
    }
    return out;
  }
}

package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.collector.RelayEntry;
import dvmdash.collector.RelayList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fair share with activity marks: busy relays spread first, totals balanced, same answer everywhere. */
class RelayShareMarksTest {

  private static RelayList list(int high, int normal) {
    List<RelayEntry> out = new ArrayList<>();
    for (int i = 0; i < high; i++) {
      out.add(new RelayEntry("wss://busy" + i + ".example", RelayEntry.Activity.HIGH));
    }
    for (int i = 0; i < normal; i++) {
      out.add(RelayEntry.normal("wss://quiet" + i + ".example"));
    }
    return new RelayList(out);
  }

  @Test
  void everyRelayOwnedOnceHighOnesSpreadAndTotalsBalancedForManyShapes() {
    for (int collectors = 1; collectors <= 5; collectors++) {
      for (int high = 0; high <= 7; high++) {
        for (int normal = 0; normal <= 7; normal++) {
          check(list(high, normal), collectors);
        }
      }
    }
  }

  private static void check(RelayList relays, int n) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add("node-" + i);
    }
    Map<String, Integer> highCount = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Set<String> covered = new HashSet<>();
    for (String m : members) {
      List<RelayEntry> mine = RelayShare.mine(relays, members, m);
      mine.forEach(e -> assertTrue(covered.add(e.url()), e.url() + " owned twice"));
      highCount.put(m, (int) mine.stream().filter(RelayEntry::high).count());
      total.put(m, mine.size());
    }
    String shape = relays.highUrls().size() + " high, " + relays.size() + " total, " + n + " collectors";
    assertEquals(Set.copyOf(relays.urls()), covered, shape);
    int hMax = Collections.max(highCount.values());
    int hMin = Collections.min(highCount.values());
    int tMax = Collections.max(total.values());
    int tMin = Collections.min(total.values());
    assertTrue(hMax - hMin <= 1, "high relays spread unevenly: " + highCount + " for " + shape);
    assertTrue(tMax - tMin <= 1, "totals unbalanced: " + total + " for " + shape);
  }

  @Test
  void twoBusyRelaysNeverLandOnTheSameOfTwoCollectorsWhateverTheirNames() {
    // Without marks, sorting by URL would give both "a" relays to the first collector.
    RelayList relays = new RelayList(List.of(
        new RelayEntry("wss://a1", RelayEntry.Activity.HIGH), new RelayEntry("wss://a2", RelayEntry.Activity.HIGH),
        RelayEntry.normal("wss://b1"), RelayEntry.normal("wss://b2")));
    List<RelayEntry> first = RelayShare.mine(relays, List.of("x", "y"), "x");
    List<RelayEntry> second = RelayShare.mine(relays, List.of("x", "y"), "y");
    assertEquals(1, first.stream().filter(RelayEntry::high).count());
    assertEquals(1, second.stream().filter(RelayEntry::high).count());
  }

  @Test
  void theAnswerDoesNotDependOnListOrMembershipOrder() {
    RelayList relays = list(3, 5);
    List<RelayEntry> shuffled = new ArrayList<>(relays.entries());
    Collections.shuffle(shuffled, new Random(7));
    List<String> members = List.of("c", "a", "b");
    for (String m : members) {
      assertEquals(Set.copyOf(RelayShare.mine(relays, members, m)),
          Set.copyOf(RelayShare.mine(new RelayList(shuffled), List.of("b", "c", "a"), m)));
    }
    assertEquals(Map.of(), RelayShare.owners(relays, List.of()));
  }
}

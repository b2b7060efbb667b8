package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdRelayShareTest {

  private static final List<String> RELAYS = List.of("wss://e", "wss://a", "wss://d", "wss://b", "wss://c");

  @Test
  void everyRelayHasExactlyOneOwnerAndSharesDifferByAtMostOne() {
    List<String> collectors = List.of("n2", "n1", "n3");
    Set<String> covered = new HashSet<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (String c : collectors) {
      List<String> mine = RelayShare.mine(RELAYS, collectors, c);
      mine.forEach(r -> assertTrue(covered.add(r), r + " owned twice"));
      min = Math.min(min, mine.size());
      max = Math.max(max, mine.size());
    }
    assertEquals(Set.copyOf(RELAYS), covered);
    assertTrue(max - min <= 1);
  }

  @Test
  void everyCollectorComputesTheSameAnswerWhateverTheOrder() {
    List<String> reversed = new ArrayList<>(RELAYS);
    java.util.Collections.reverse(reversed);
    assertEquals(Set.copyOf(RelayShare.mine(RELAYS, List.of("a", "b"), "a")),
        Set.copyOf(RelayShare.mine(reversed, List.of("b", "a"), "a")));
    assertEquals(RELAYS, RelayShare.mine(RELAYS, List.of("solo"), "solo"));
    assertEquals(List.of(), RelayShare.mine(RELAYS, List.of("other"), "me"));
  }
}

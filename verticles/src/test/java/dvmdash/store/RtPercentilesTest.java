package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles from histogram cells against the definition on the sorted list of every pair's time. */
class RtPercentilesTest {

  @Test
  void cellsGiveTheNearestRankOfEveryPair() {
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      RtPercentiles p = new RtPercentiles(RtPercentiles.Spec.perDvm());
      List<Long> all = new ArrayList<>();
      int cells = 1 + rnd.nextInt(40);
      for (int i = 0; i < cells; i++) {
        long rt = rnd.nextInt(rnd.nextBoolean() ? 5 : 500);
        long n = 1 + rnd.nextInt(4);
        p.add(rnd.nextInt(3), "dvm", rt, n);
        for (int j = 0; j < n; j++) {
          all.add(rt);
        }
      }
      Collections.sort(all);
      RtPercentiles.Pair got = p.compute().get("dvm");
      assertEquals(all.get((int) Math.ceil(0.50 * all.size()) - 1), got.p50(), "p50 of " + all);
      assertEquals(all.get((int) Math.ceil(0.95 * all.size()) - 1), got.p95(), "p95 of " + all);
    }
  }

  @Test
  void specsNarrowAndGroup() {
    RtPercentiles.Spec kindsOfA = RtPercentiles.Spec.kindsOfDvm("a");
    RtPercentiles p = new RtPercentiles(kindsOfA);
    p.add(5300, "a", 10, 1);
    p.add(5300, "a", 30, 1);
    p.add(5300, "b", 1, 50);
    p.add(0, "a", 1, 50);
    p.add(5100, "a", 4, 0);
    Map<Object, RtPercentiles.Pair> got = p.compute();
    assertEquals(Map.of(5300, new RtPercentiles.Pair(10, 30)), got, "kind 0, other DVMs and empty cells left out");

    RtPercentiles perKind = new RtPercentiles(RtPercentiles.Spec.perKind());
    perKind.add(0, "a", 1, 1);
    assertEquals(Map.of(0, new RtPercentiles.Pair(1, 1)), perKind.compute(), "kind lists keep kind 0");
    assertFalse(new RtPercentiles(RtPercentiles.Spec.dvmsOfKind(5300)).compute().containsKey("a"));
  }
}

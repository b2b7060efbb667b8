package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {

  @Test
  void aThousandWatchedDvmsStayUnderTheCapAndEachIsPingedInTurn() {
    List<String> watched = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      watched.add(String.format("%064x", i * 7_919L));
    }
    ProbeSchedule s = new ProbeSchedule(300, 60, 300);
    Map<Long, Integer> perMinute = new HashMap<>();
    Map<String, List<Long>> sent = new HashMap<>();
    long t0 = 1_795_500_000L;
    for (long t = t0; t < t0 + 3_600; t += 5) {
      for (String d : s.due(watched, t)) {
        perMinute.merge(Math.floorDiv(t, 60), 1, Integer::sum);
        sent.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
      }
    }
    perMinute.values().forEach(n -> assertTrue(n <= 60, "at most 60 pings a minute: " + n));
    assertEquals(60 * 60, perMinute.values().stream().mapToInt(Integer::intValue).sum(), "the budget is used");
    assertEquals(1_000, sent.size(), "every DVM pinged");
    for (List<Long> times : sent.values()) {
      assertTrue(times.size() >= 3, "each about 3.6 times in the hour");
      for (int i = 1; i < times.size(); i++) {
        assertTrue(times.get(i) - times.get(i - 1) >= 300, "never twice within the interval");
      }
    }
  }

  @Test
  void fewDvmsArePingedEveryIntervalWithJitter() {
    List<String> watched = List.of("a".repeat(64), "b".repeat(64));
    ProbeSchedule s = new ProbeSchedule(300, 60, 60);
    Map<String, List<Long>> sent = new HashMap<>();
    for (long t = 0; t < 1_500; t++) {
      for (String d : s.due(watched, t)) {
        sent.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
      }
    }
    for (List<Long> times : sent.values()) {
      assertTrue(times.get(0) < 60, "first ping within the jitter");
      for (int i = 1; i < times.size(); i++) {
        assertEquals(300, times.get(i) - times.get(i - 1));
      }
    }
    assertTrue(s.due(List.of(), 2_000).isEmpty());
  }
}

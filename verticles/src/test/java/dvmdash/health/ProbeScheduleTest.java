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

  /**
   * 1,000 watched DVMs: 600 spread over 20 announced relays (30 each), 100 announcing two of them, 300 on the two
   * configured relays; total cap 120 a minute, 10 per relay. Every minute of a simulated hour stays under both caps,
   * the relays of each ping are the DVM's own, and every DVM is pinged.
   */
  @Test
  void aThousandDvmsOnAnnouncedRelaysStayUnderTheTotalAndPerRelayCaps() {
    List<String> configured = List.of("wss://configured.one", "wss://configured.two");
    Map<String, List<String>> relaysOf = new HashMap<>();
    List<String> watched = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String dvm = String.format("%064x", i * 7_919L + 1);
      watched.add(dvm);
      if (i < 600) {
        relaysOf.put(dvm, List.of("wss://relay" + (i % 20) + ".example"));
      } else if (i < 700) {
        relaysOf.put(dvm, List.of("wss://relay" + (i % 20) + ".example", "wss://relay" + ((i + 1) % 20) + ".example"));
      } else {
        relaysOf.put(dvm, configured);
      }
    }
    ProbeSchedule s = new ProbeSchedule(300, 120, 300, 10);
    Map<Long, Integer> perMinute = new HashMap<>();
    Map<String, Integer> perRelayMinute = new HashMap<>();
    Map<String, List<Long>> sent = new HashMap<>();
    long t0 = 1_795_500_000L;
    for (long t = t0; t < t0 + 3_600; t += 5) {
      for (String d : s.due(watched, relaysOf::get, t)) {
        perMinute.merge(Math.floorDiv(t, 60), 1, Integer::sum);
        for (String r : relaysOf.get(d)) {
          perRelayMinute.merge(r + " " + Math.floorDiv(t, 60), 1, Integer::sum);
        }
        sent.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
      }
    }
    perMinute.values().forEach(n -> assertTrue(n <= 120, "at most 120 pings a minute: " + n));
    perRelayMinute.forEach((k, n) -> assertTrue(n <= 10, "at most 10 pings a minute on " + k + ": " + n));
    assertTrue(perRelayMinute.keySet().stream().anyMatch(k -> k.startsWith("wss://configured.one ")));
    assertEquals(10, perRelayMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0),
        "the per-relay bound is reached, so it is what holds the rate");
    assertEquals(1_000, sent.size(), "every DVM pinged");
    for (List<Long> times : sent.values()) {
      for (int i = 1; i < times.size(); i++) {
        assertTrue(times.get(i) - times.get(i - 1) >= 300, "never twice within the interval");
      }
    }
  }

  @Test
  void aDvmWhoseRelayIsFullWaitsForTheNextMinuteAheadOfOthers() {
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    String c = "c".repeat(64);
    Map<String, List<String>> relaysOf = Map.of(a, List.of("wss://x"), b, List.of("wss://x"), c, List.of("wss://y"));
    ProbeSchedule s = new ProbeSchedule(300, 60, 1, 1);
    List<String> first = s.due(List.of(a, b, c), relaysOf::get, 600);
    assertEquals(2, first.size(), first.toString());
    assertTrue(first.contains(c));
    List<String> again = s.due(List.of(a, b, c), relaysOf::get, 630);
    assertTrue(again.isEmpty(), "wss://x is used up until the minute ends");
    List<String> next = s.due(List.of(a, b, c), relaysOf::get, 660);
    assertEquals(1, next.size());
    assertTrue(!first.contains(next.get(0)), "the one that waited goes first");
  }
}

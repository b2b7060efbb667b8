package dvmdash.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.nostr.NostrEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeartbeatScriptTest {

  private static final long NOW = 1_795_520_000L;
  private static final SimulationPlan PLAN = new SimulationPlan(7, 5, 3, 20, 10L * 86_400, 0.0).withBeacons(4);

  @Test
  void networkPublishesEveryScriptedBeatAndRecordsTheSchedules() {
    SimulatedNetwork net = new SimulatedNetwork(PLAN, NOW);
    List<HeartbeatSchedule> schedules = net.truth().heartbeatSchedules();
    assertEquals(4, schedules.size());
    for (HeartbeatSchedule h : schedules) {
      List<Long> expected = h.beatTimes(NOW);
      List<Long> published = net.truth().validEvents().stream()
          .filter(e -> e.pubkey().equals(h.pubkey()) && e.kind() == h.kind())
          .map(NostrEvent::createdAt).sorted().collect(Collectors.toList());
      assertEquals(expected, published, h.name());
      assertTrue(expected.size() > 100, h.name());
    }
  }

  @Test
  void patternsStopAndResumeAsScripted() {
    HeartbeatSchedule steady = HeartbeatScript.schedule(PLAN, 0, NOW);
    HeartbeatSchedule flaky = HeartbeatScript.schedule(PLAN, 1, NOW);
    HeartbeatSchedule service = HeartbeatScript.schedule(PLAN, 2, NOW);
    HeartbeatSchedule gone = HeartbeatScript.schedule(PLAN, 3, NOW);
    assertTrue(steady.beatsAfter(NOW));
    assertEquals(3, flaky.periods().size());
    assertTrue(flaky.beatsAfter(NOW));
    assertFalse(gone.beatsAfter(NOW));
    assertEquals(1999, service.kind());
    assertEquals("31999:" + service.pubkey() + ":beacon-2", service.address());
    List<Long> beats = flaky.beatTimes(NOW);
    for (int i = 1; i < beats.size(); i++) {
      long gap = beats.get(i) - beats.get(i - 1);
      assertTrue(gap == 300 || gap > 3_600, "beats every 300 s except the two outages: " + gap);
    }
  }

  @Test
  void beatsCarryTheirTagsAndAnExpiration() {
    HeartbeatSchedule h = HeartbeatScript.schedule(PLAN, 0, NOW);
    NostrEvent beat = HeartbeatScript.beat(PLAN, 0, h, NOW - 600);
    assertEquals(11998, beat.kind());
    assertEquals("beacon-0", beat.tagValue("d"));
    assertEquals("running", beat.tagValue("status"));
    assertEquals(Long.toString(NOW - 300), beat.tagValue("expiration"));
    HeartbeatSchedule s = HeartbeatScript.schedule(PLAN, 2, NOW);
    NostrEvent b2 = HeartbeatScript.beat(PLAN, 2, s, NOW - 600);
    assertEquals(s.address(), b2.tagValue("a"));
    assertEquals(31999, HeartbeatScript.announcement(PLAN, 2, s).kind());
  }
}

package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthHistoryTest {

  private static HealthHistory.Stored c(long at, HealthState s) {
    return new HealthHistory.Stored(at, s, "c" + at);
  }

  @Test
  void uptimeCountsKnownTimeOnly() {
    // silent until 100, up 100-400, down 400-500, up 500-1000
    List<HealthHistory.Stored> ch = List.of(c(100, HealthState.UP), c(400, HealthState.DOWN), c(500, HealthState.UP));
    assertEquals(800.0 / 900, HealthHistory.uptime(ch, 1_000, 1_000), 1e-12);
    // window [450, 1000): down 50, up 500
    assertEquals(500.0 / 550, HealthHistory.uptime(ch, 1_000, 550), 1e-12);
    assertNull(HealthHistory.uptime(ch, 100, 50));
    assertEquals(1.0, HealthHistory.uptime(List.of(c(0, HealthState.DEGRADED)), 1_000, 500));
  }

  @Test
  void outagesNewestFirstWithOpenEnd() {
    List<HealthHistory.Stored> ch = List.of(c(100, HealthState.UP), c(400, HealthState.DOWN), c(500, HealthState.UP),
        c(700, HealthState.DOWN));
    assertEquals(List.of(new HealthHistory.Outage(700, null, "c700"), new HealthHistory.Outage(400, 500L, "c400")),
        HealthHistory.outages(ch, 0));
    assertEquals(List.of(new HealthHistory.Outage(700, null, "c700")), HealthHistory.outages(ch, 500));
  }
}

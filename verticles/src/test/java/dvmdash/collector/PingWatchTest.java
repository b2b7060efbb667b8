package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Half-open detection: silent for more than two intervals, unless paused. */
@ExtendWith(VertxExtension.class)
class PingWatchTest {

  @Test
  void silentAfterTwoIntervalsWithoutTrafficButNeverWhilePaused(Vertx vertx) {
    PingWatch watch = new PingWatch(vertx, 1000, new RelayStats("ws://r"), "ws://r");
    long before = System.currentTimeMillis();
    watch.inbound();
    long after = System.currentTimeMillis();
    assertEquals(PingWatch.Verdict.ALIVE, watch.verdict(before + 2000, false));
    assertEquals(PingWatch.Verdict.SILENT, watch.verdict(after + 2001, false));
    assertEquals(PingWatch.Verdict.PAUSED, watch.verdict(after + 60_000, true));
  }
}

package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacklogTrackerTest {

  @Test
  void newestFirstEventsLeaveOnlyTheOlderPartAsGap() {
    BacklogTracker t = new BacklogTracker(1_000L, List.of("dvm"), 60);
    assertEquals(Optional.empty(), t.checkpoint(), "nothing received yet");
    t.event("dvm", 90_000);
    t.event("dvm", 80_000);
    assertEquals(3, t.event("dvm", 50_000));
    assertEquals(Optional.of(new SavedBacklog(1_000, 50_060, 90_000)), t.checkpoint(),
        "newer than 50,000 is received; 1,000..50,060 (with the margin) may be missing");
  }

  @Test
  void anEventNewerThanAnEarlierOneDisablesCheckpoints() {
    BacklogTracker t = new BacklogTracker(null, List.of("dvm"), 0);
    t.event("dvm", 90_000);
    t.event("dvm", 50_000);
    t.event("dvm", 70_000);
    assertEquals(Optional.empty(), t.checkpoint(), "not newest first: only EOSE counts");
  }

  @Test
  void everyOpenRequestMustHaveStartedAndTheLeastAdvancedOneBoundsTheGap() {
    BacklogTracker t = new BacklogTracker(null, List.of("dvm-0", "dvm-1"), 0);
    t.event("dvm-0", 90_000);
    t.event("dvm-0", 20_000);
    assertEquals(Optional.empty(), t.checkpoint(), "dvm-1 sent nothing yet");
    t.event("dvm-1", 95_000);
    t.event("dvm-1", 60_000);
    assertEquals(Optional.of(new SavedBacklog(0, 60_000, 95_000)), t.checkpoint());
    t.eose("dvm-1");
    assertEquals(Optional.of(new SavedBacklog(0, 20_000, 95_000)), t.checkpoint(), "dvm-1 is complete");
    t.event("other", 1);
    assertEquals(Optional.of(new SavedBacklog(0, 20_000, 95_000)), t.checkpoint(), "other subscriptions ignored");
  }

  @Test
  void aGapThatWouldCoverEverythingIsNoCheckpoint() {
    BacklogTracker t = new BacklogTracker(0L, List.of("dvm"), 600);
    t.event("dvm", 10_000);
    t.event("dvm", 9_700);
    assertEquals(Optional.empty(), t.checkpoint(), "the margin reaches the newest event: nothing to save");
  }
}

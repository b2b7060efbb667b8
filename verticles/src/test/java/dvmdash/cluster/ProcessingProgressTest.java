package dvmdash.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessingProgressTest {

  @Test
  void nothingWaitingIsNeverStalled() {
    ProcessingProgress p = new ProcessingProgress();
    assertEquals(0, p.stalledMillis(1_000_000));
    p.handed(1_000);
    p.committed(2_000);
    assertEquals(0, p.stalledMillis(900_000), "an idle reader after a commit is not stalled");
  }

  @Test
  void anUnansweredBatchCountsFromWhenItWasHanded() {
    ProcessingProgress p = new ProcessingProgress();
    p.handed(10_000);
    assertEquals(170_000, p.stalledMillis(180_000));
    p.handed(50_000);
    assertEquals(170_000, p.stalledMillis(180_000), "a second batch does not restart the wait");
    p.committed(60_000);
    assertEquals(120_000, p.stalledMillis(180_000), "a commit is progress; the other batch waits from then");
    p.committed(70_000);
    assertEquals(0, p.stalledMillis(500_000));
  }

  @Test
  void failedBatchesKeepTheWorkWaitingUntilACommit() {
    ProcessingProgress p = new ProcessingProgress();
    p.handed(1_000);
    p.failed();
    assertEquals(0, p.inFlight());
    assertEquals(199_000, p.stalledMillis(200_000), "the failed entries wait in the stream to be claimed again");
    p.handed(130_000);
    p.failed();
    assertEquals(299_000, p.stalledMillis(300_000), "retries that fail do not count as progress");
    p.handed(310_000);
    p.committed(320_000);
    assertEquals(0, p.stalledMillis(900_000));
  }
}

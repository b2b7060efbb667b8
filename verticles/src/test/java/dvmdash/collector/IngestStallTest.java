package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The collector's liveness problem appears once unacknowledged events waited for the limit. */
class IngestStallTest {

  @Test
  void aProblemOnlyFromTheLimitOn() {
    assertTrue(IngestStall.problem(179_999, 2500, 180_000).isEmpty());
    assertEquals(Optional.of("collector: 2500 events unacknowledged by the processor for 180 s"),
        IngestStall.problem(180_000, 2500, 180_000));
  }
}

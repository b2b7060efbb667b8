package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAdmissionTest {

  @Test
  void oneAddressCannotTakeEveryStream() {
    StreamAdmission<String> a = new StreamAdmission<>(200, 4, 30_000);
    for (int i = 0; i < 4; i++) {
      assertEquals(StreamAdmission.Verdict.ADMIT, a.decide("10.0.0.9").verdict());
      a.add("s" + i, "10.0.0.9");
    }
    assertEquals(StreamAdmission.Verdict.REFUSE_PER_CLIENT, a.decide("10.0.0.9").verdict());
    assertEquals(StreamAdmission.Verdict.ADMIT, a.decide("10.0.0.10").verdict(), "an ordinary user still gets in");
    a.remove("s0");
    assertEquals(StreamAdmission.Verdict.ADMIT, a.decide("10.0.0.9").verdict());
  }

  @Test
  void whenFullANewClientTakesThePlaceOfTheLongestStalledStream() {
    StreamAdmission<String> a = new StreamAdmission<>(3, 3, 30_000);
    a.add("reader", "a");
    a.add("stalled-late", "b");
    a.add("stalled-early", "c");
    StreamAdmission.Decision<String> none = a.decide("d");
    assertEquals(StreamAdmission.Verdict.ADMIT_AFTER_EVICTION, none.verdict(), "never a lock-out");
    assertEquals("reader", none.evict(), "nobody stalled: the oldest stream reconnects");
    a.stalled("stalled-late", 2_000);
    a.stalled("stalled-early", 1_000);
    StreamAdmission.Decision<String> d = a.decide("d");
    assertEquals(StreamAdmission.Verdict.ADMIT_AFTER_EVICTION, d.verdict());
    assertEquals("stalled-early", d.evict());
    a.drained("stalled-early");
    assertEquals("stalled-late", a.decide("d").evict(), "a stream that drained is a reader again");
  }

  @Test
  void aStreamStalledTooLongIsOverdue() {
    StreamAdmission<String> a = new StreamAdmission<>(10, 10, 30_000);
    a.add("slow", "a");
    a.add("fast", "b");
    a.stalled("slow", 1_000);
    a.stalled("slow", 20_000);
    assertEquals(List.of(), a.overdue(30_999));
    assertEquals(List.of("slow"), a.overdue(31_000), "stalled since its first full queue");
    a.remove("slow");
    assertEquals(List.of(), a.overdue(100_000));
    assertEquals(1, a.size());
  }
}

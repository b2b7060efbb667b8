package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysStayWithinExponentialCeilingAndMax() {
    Backoff b = new Backoff(1000, 300_000, new Random(7));
    for (int n = 0; n < 100; n++) {
      long cap = Math.min(300_000, 1000L << Math.min(n + 1, 30));
      long d = b.nextDelayMillis();
      assertTrue(d >= 1000 && d <= cap, "attempt " + n + ": " + d + " not in [1000, " + cap + "]");
    }
    assertEquals(300_000, b.ceiling(99));
  }

  @Test
  void sameSeedSameSequenceAndJitterVaries() {
    List<Long> a = sequence(new Backoff(1000, 300_000, new Random(1)), 20);
    List<Long> b = sequence(new Backoff(1000, 300_000, new Random(1)), 20);
    assertEquals(a, b);
    assertNotEquals(a, sequence(new Backoff(1000, 300_000, new Random(2)), 20));
    assertTrue(a.stream().distinct().count() > 10, "full jitter spreads delays");
  }

  @Test
  void resetStartsOver() {
    Backoff b = new Backoff(100, 10_000, new Random(3));
    for (int i = 0; i < 10; i++) {
      b.nextDelayMillis();
    }
    assertEquals(10, b.attempts());
    b.reset();
    assertEquals(0, b.attempts());
    long d = b.nextDelayMillis();
    assertTrue(d >= 100 && d <= 200, "first delay after reset in [min, 2·min]: " + d);
  }

  @Test
  void minEqualsMaxIsConstant() {
    Backoff b = new Backoff(500, 500, new Random(4));
    for (int i = 0; i < 10; i++) {
      assertEquals(500, b.nextDelayMillis());
    }
  }

  @Test
  void rejectsBadBounds() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, new Random()));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, new Random()));
  }

  private static List<Long> sequence(Backoff b, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.nextDelayMillis());
    }
    return out;
  }
}

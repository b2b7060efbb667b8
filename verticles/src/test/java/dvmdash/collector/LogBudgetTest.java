package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogBudgetTest {

  @Test
  void aFloodWritesTheBudgetThenReportsWhatItLeftOut() {
    LogBudget b = new LogBudget(3, 60_000);
    long t = 1_000_000;
    int written = 0;
    for (int i = 0; i < 100_000; i++) {
      if (b.take(t + i / 10) != LogBudget.SUPPRESS) {
        written++;
      }
    }
    assertEquals(3, written, "100,000 NOTICEs within a minute cost 3 lines");
    assertEquals(99_997, b.take(t + 60_000), "the next window's first line tells how many were left out");
    assertEquals(0, b.take(t + 60_001));
  }

  @Test
  void aQuietRelayLogsEverything() {
    LogBudget b = new LogBudget(3, 60_000);
    for (int i = 0; i < 10; i++) {
      assertEquals(0, b.take(i * 30_000L));
    }
  }
}

package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.store.PairRollupDelta.CustomerKey;
import dvmdash.store.PairRollupDelta.Key;
import dvmdash.store.PairRollupDelta.Level;
import dvmdash.store.PairRollupDelta.PairRow;
import dvmdash.store.PairRollupDelta.Sums;
import dvmdash.store.PairRollupDelta.TimeKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairRollupDeltaTest {

  private static final long T = 1_700_000_000L; // 2023-11-14T22:13:20Z
  private static final long MIN = T / 60;
  private static final long HOUR = MIN - Math.floorMod(MIN, 60);
  private static final long DAY = MIN - Math.floorMod(MIN, 1440);

  private static Sums sums(long pairs, long sats, long rtN, long rtSum, long skew, long taken, long delivered) {
    Sums s = new Sums();
    s.pairs = pairs;
    s.sats = sats;
    s.rtN = rtN;
    s.rtSum = rtSum;
    s.skew = skew;
    s.taken = taken;
    s.delivered = delivered;
    return s;
  }

  /** A pair created by a result only: no request seen, kind from the result, pair time = the result's time. */
  private static PairRow resultOnly(long at, Long msat) {
    return new PairRow("r1", "d1", 5300, null, null, at, 1, 0, msat, at);
  }

  @Test
  void aNewPairAddsToItsHourDayAndTotal() {
    PairRow p = new PairRow("r1", "d1", 5300, "u1", T, T + 7, 1, 0, 21_999L, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(), List.of(p));
    assertEquals(sums(1, 21, 1, 7, 0, 1, 1), d.sums.get(new Key(Level.HOUR, HOUR, 5300, "d1")));
    assertEquals(sums(1, 21, 1, 7, 0, 1, 1), d.sums.get(new Key(Level.DAY, DAY, 5300, "d1")));
    assertEquals(sums(1, 21, 1, 7, 0, 1, 1), d.sums.get(new Key(Level.TOTAL, 0, 5300, "d1")));
    assertEquals(3, d.sums.size());
    assertEquals(1L, d.responseTimes.get(new TimeKey(Level.HOUR, HOUR, 5300, "d1", 7)));
    assertEquals(1L, d.responseTimes.get(new TimeKey(Level.TOTAL, 0, 5300, "d1", 7)));
    assertEquals(1L, d.customers.get(new CustomerKey(Level.DAY, DAY, 5300, "d1", "u1")));
    assertEquals(2, d.customers.size(), "no customer set for the total");
  }

  @Test
  void unchangedPairsGiveNothing() {
    PairRow p = new PairRow("r1", "d1", 5300, "u1", T, T + 7, 1, 0, 21_999L, T);
    assertTrue(PairRollupDelta.between(List.of(p), List.of(p)).isEmpty());
  }

  @Test
  void aLateRequestMovesThePairToTheRequestsTimeAndKind() {
    PairRow before = resultOnly(T + 7200, 5000L);
    PairRow after = new PairRow("r1", "d1", 5050, "u1", T, T + 7200, 1, 0, 5000L, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(before), List.of(after));
    long oldHour = HOUR + 120;
    assertEquals(sums(-1, -5, 0, 0, 0, -1, -1), d.sums.get(new Key(Level.HOUR, oldHour, 5300, "d1")));
    assertEquals(sums(1, 5, 1, 7200, 0, 1, 1), d.sums.get(new Key(Level.HOUR, HOUR, 5050, "d1")));
    assertEquals(sums(-1, -5, 0, 0, 0, -1, -1), d.sums.get(new Key(Level.TOTAL, 0, 5300, "d1")));
    assertEquals(sums(1, 5, 1, 7200, 0, 1, 1), d.sums.get(new Key(Level.TOTAL, 0, 5050, "d1")));
    assertEquals(1L, d.responseTimes.get(new TimeKey(Level.DAY, DAY, 5050, "d1", 7200)));
    assertEquals(1L, d.customers.get(new CustomerKey(Level.HOUR, HOUR, 5050, "d1", "u1")));
  }

  @Test
  void sameBucketChangesNetOut() {
    // a second, later result in the same batch: results 1 → 2, amount replaced, first result unchanged
    PairRow before = new PairRow("r1", "d1", 5300, "u1", T, T + 3, 1, 0, 1000L, T);
    PairRow after = new PairRow("r1", "d1", 5300, "u1", T, T + 3, 2, 0, 9000L, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(before), List.of(after));
    assertEquals(sums(0, 8, 0, 0, 0, 0, 0), d.sums.get(new Key(Level.HOUR, HOUR, 5300, "d1")));
    assertTrue(d.responseTimes.isEmpty(), "the response time did not change");
    assertTrue(d.customers.isEmpty(), "the customer did not change");
  }

  @Test
  void satsCountOnlyWithAResult() {
    // payment-required feedback sets an amount; the result arriving later makes it count
    PairRow feedbackOnly = new PairRow("r1", "d1", 5300, "u1", T, null, 0, 1, 50_000L, T);
    PairRollupDelta first = PairRollupDelta.between(List.of(), List.of(feedbackOnly));
    assertEquals(sums(1, 0, 0, 0, 0, 1, 0), first.sums.get(new Key(Level.DAY, DAY, 5300, "d1")));
    assertTrue(first.responseTimes.isEmpty());
    PairRow withResult = new PairRow("r1", "d1", 5300, "u1", T, T + 4, 1, 1, 50_000L, T);
    PairRollupDelta second = PairRollupDelta.between(List.of(feedbackOnly), List.of(withResult));
    assertEquals(sums(0, 50, 1, 4, 0, 0, 1), second.sums.get(new Key(Level.DAY, DAY, 5300, "d1")));
  }

  @Test
  void negativeResponseTimesAreClockSkewNotTimes() {
    PairRow p = new PairRow("r1", "d1", 5300, "u1", T, T - 5, 1, 0, null, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(), List.of(p));
    assertEquals(sums(1, 0, 0, 0, 1, 1, 1), d.sums.get(new Key(Level.TOTAL, 0, 5300, "d1")));
    assertTrue(d.responseTimes.isEmpty());
  }

  @Test
  void pairsWithoutKindGoToKindZero() {
    PairRow p = new PairRow("r1", "d1", null, null, null, null, 0, 0, null, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(), List.of(p));
    assertEquals(sums(1, 0, 0, 0, 0, 0, 0), d.sums.get(new Key(Level.HOUR, HOUR, 0, "d1")));
    assertTrue(d.customers.isEmpty());
  }

  @Test
  void aPairMissingAfterwardsIsTakenOut() {
    PairRow p = new PairRow("r1", "d1", 5300, "u1", T, T + 7, 1, 0, 2000L, T);
    PairRollupDelta d = PairRollupDelta.between(List.of(p), List.of());
    assertEquals(sums(-1, -2, -1, -7, 0, -1, -1), d.sums.get(new Key(Level.TOTAL, 0, 5300, "d1")));
    assertEquals(-1L, d.responseTimes.get(new TimeKey(Level.HOUR, HOUR, 5300, "d1", 7)));
  }
}

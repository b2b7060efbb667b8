package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.store.Tiers.Split;
import dvmdash.store.Tiers.Tier;
import org.junit.jupiter.api.Test;

class TiersTest {

  private static final long DAY = 1440;
  private static final long D0 = 20_000 * DAY; // a UTC day's first minute

  @Test
  void bucketsRoundDownAlsoBeforeTheEpoch() {
    assertEquals(D0 + 120, Tier.HOUR.bucket(D0 + 179));
    assertEquals(D0, Tier.DAY.bucket(D0 + DAY - 1));
    assertEquals(-60, Tier.HOUR.bucket(-1));
    assertEquals(-DAY, Tier.DAY.bucket(-1));
    assertEquals(D0 + 7, Tier.MINUTE.bucket(D0 + 7));
  }

  @Test
  void ceilIsTheNextBoundaryOrItself() {
    assertEquals(D0 + 60, Tier.HOUR.ceil(D0 + 1));
    assertEquals(D0 + 60, Tier.HOUR.ceil(D0 + 60));
    assertEquals(0, Tier.DAY.ceil(-5));
    assertEquals(D0 + DAY, Tier.DAY.ceil(D0 + 61));
  }

  @Test
  void aWindowIsMinutesToTheHourThenHoursToTheDayThenDays() {
    // 30d window starting at 13:17 UTC: minutes 13:17-14:00, hours 14:00-24:00, days after
    long start = D0 + 13 * 60 + 17;
    assertEquals(new Split(start, D0 + 14 * 60, D0 + DAY), Tiers.split(start, Tier.DAY));
  }

  @Test
  void aWindowOnBoundariesSkipsTheFinerTiers() {
    assertEquals(new Split(D0, D0, D0), Tiers.split(D0, Tier.DAY));
    long onHour = D0 + 5 * 60;
    assertEquals(new Split(onHour, onHour, D0 + DAY), Tiers.split(onHour, Tier.DAY));
    assertEquals(new Split(0, 0, 0), Tiers.split(0, Tier.DAY)); // all: day rows only
  }

  @Test
  void coarsestTierLimitsTheSplit() {
    long start = D0 + 13 * 60 + 17;
    assertEquals(new Split(start, D0 + 14 * 60, Tiers.OPEN), Tiers.split(start, Tier.HOUR));
    assertEquals(new Split(start, Tiers.OPEN, Tiers.OPEN), Tiers.split(start, Tier.MINUTE));
  }

  @Test
  void timeSeriesBucketsPickTheCoarsestTierThatFits() {
    assertEquals(Tier.MINUTE, Tiers.coarsestFor(300));
    assertEquals(Tier.HOUR, Tiers.coarsestFor(3600));
    assertEquals(Tier.HOUR, Tiers.coarsestFor(21_600));
    assertEquals(Tier.DAY, Tiers.coarsestFor(86_400));
  }
}

package dvmdash.store;

/**
 * The rollup tiers (docs/metrics.md, "How each figure is stored and read"): per-minute, per-hour and per-UTC-day rows
 * with the same columns, where {@code minute} is the first minute of the row's bucket. A window {@code [start, ∞)}
 * (start on a minute) is read as minute rows for {@code [start, next hour)}, hour rows for {@code [that hour, next
 * day)} and day rows from there on, so a window costs at most 59 + 23 + its days row groups per key. Pure.
 */
public final class Tiers {

  /** A bucket width; the value is its length in minutes. */
  public enum Tier {
    MINUTE(1), HOUR(60), DAY(1440);

    public final long minutes;

    Tier(long minutes) {
      this.minutes = minutes;
    }

    /** First minute of the bucket holding {@code minute} (floor, also for negative minutes). */
    public long bucket(long minute) {
      return Math.floorDiv(minute, minutes) * minutes;
    }

    /** First minute of the first bucket starting at or after {@code minute}. */
    public long ceil(long minute) {
      return -Math.floorDiv(-minute, minutes) * minutes;
    }
  }

  /** Minute standing for "no upper edge": far beyond any timestamp, and still safe to multiply by 60. */
  public static final long OPEN = 1L << 50;

  /**
   * Where each tier is read: minute rows for [minuteFrom, hourFrom), hour rows for [hourFrom, dayFrom), day rows
   * from dayFrom on. A tier that is not used has an empty range (its bounds are {@link #OPEN}).
   */
  public record Split(long minuteFrom, long hourFrom, long dayFrom) {

    /** The three bounds as query parameters, in this order. */
    public Object[] params() {
      return new Object[] {minuteFrom, hourFrom, dayFrom};
    }
  }

  private Tiers() {
  }

  /**
   * The split of the window starting at {@code startMinute} that uses tiers no coarser than {@code coarsest} (a time
   * series with buckets of one hour must not read day rows).
   */
  public static Split split(long startMinute, Tier coarsest) {
    if (coarsest == Tier.MINUTE) {
      return new Split(startMinute, OPEN, OPEN);
    }
    long hourFrom = Tier.HOUR.ceil(startMinute);
    if (coarsest == Tier.HOUR) {
      return new Split(startMinute, hourFrom, OPEN);
    }
    return new Split(startMinute, hourFrom, Tier.DAY.ceil(hourFrom));
  }

  /** The coarsest tier whose buckets never straddle a time-series bucket of {@code bucketSeconds}. */
  public static Tier coarsestFor(long bucketSeconds) {
    Tier best = Tier.MINUTE;
    for (Tier t : Tier.values()) {
      if (bucketSeconds % (t.minutes * 60) == 0) {
        best = t;
      }
    }
    return best;
  }
}

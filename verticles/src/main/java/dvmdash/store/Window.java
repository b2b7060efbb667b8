package dvmdash.store;

import java.util.Map;

/**
 * A time window as defined in docs/metrics.md: {@code start = floor(now / 60) * 60 − W} (0 for {@code all}), no
 * upper edge, and the bucket width of its time series.
 */
public record Window(String range, long now, long start, long bucketSeconds) {

  private static final Map<String, long[]> RANGES = Map.of(
      "1h", new long[] {3600, 300},
      "24h", new long[] {86_400, 3600},
      "7d", new long[] {7 * 86_400, 21_600},
      "30d", new long[] {30 * 86_400, 86_400},
      "all", new long[] {-1, 86_400});

  public static final String DEFAULT_RANGE = "24h";

  /** Throws IllegalArgumentException for an unknown range. */
  public static Window of(String range, long nowSeconds) {
    String r = range == null ? DEFAULT_RANGE : range;
    long[] spec = RANGES.get(r);
    if (spec == null) {
      throw new IllegalArgumentException("range must be one of 1h, 24h, 7d, 30d, all");
    }
    long start = spec[0] < 0 ? 0 : Math.floorDiv(nowSeconds, 60) * 60 - spec[0];
    return new Window(r, nowSeconds, Math.max(0, start), spec[1]);
  }

  public long startMinute() {
    return start / 60;
  }

  public boolean isAll() {
    return "all".equals(range);
  }

  /** Start of the bucket holding {@code t}. */
  public long bucketOf(long t) {
    return Math.floorDiv(t, bucketSeconds) * bucketSeconds;
  }
}

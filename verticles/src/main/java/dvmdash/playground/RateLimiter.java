package dvmdash.playground;

import java.util.LinkedHashMap;
import java.util.Map;

/** A token bucket per client key ({@code capacity} tokens, one more every {@code refillMillis}); bounded map. */
public final class RateLimiter {

  private static final int MAX_KEYS = 10_000;

  private final int capacity;
  private final long refillMillis;
  private final Map<String, long[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > MAX_KEYS;
    }
  };

  public RateLimiter(int capacity, long refillMillis) {
    this.capacity = capacity;
    this.refillMillis = refillMillis;
  }

  /** Takes a token for {@code key}; false when its bucket is empty. */
  public synchronized boolean tryAcquire(String key, long nowMillis) {
    long[] b = buckets.computeIfAbsent(key, k -> new long[] {capacity, nowMillis});
    long refill = (nowMillis - b[1]) / refillMillis;
    if (refill > 0) {
      b[0] = Math.min(capacity, b[0] + refill);
      b[1] += refill * refillMillis;
    }
    if (b[0] <= 0) {
      return false;
    }
    b[0]--;
    return true;
  }
}

package dvmdash.collector;

import java.util.Random;

/**
 * Exponential backoff with full jitter: the n-th delay (n from 0) is uniform in [min, min(max, min · 2^(n+1))].
 * {@link #reset()} after a connection proved healthy. Not thread-safe.
 */
public final class Backoff {

  private final long minMillis;
  private final long maxMillis;
  private final Random random;
  private int attempts;

  public Backoff(long minMillis, long maxMillis, Random random) {
    if (minMillis < 1 || maxMillis < minMillis) {
      throw new IllegalArgumentException("need 1 <= min <= max, got " + minMillis + ", " + maxMillis);
    }
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one attempt. */
  public long nextDelayMillis() {
    long cap = ceiling(attempts);
    if (attempts < 62) {
      attempts++;
    }
    if (cap <= minMillis) {
      return minMillis;
    }
    return minMillis + (long) (random.nextDouble() * (cap - minMillis + 1));
  }

  /** Upper bound of the delay of attempt {@code n}. */
  long ceiling(int n) {
    int shift = Math.min(n + 1, 62);
    long scaled = minMillis << shift;
    if (scaled >>> shift != minMillis || scaled < 0) {
      return maxMillis;
    }
    return Math.min(maxMillis, scaled);
  }

  public void reset() {
    attempts = 0;
  }

  public int attempts() {
    return attempts;
  }
}

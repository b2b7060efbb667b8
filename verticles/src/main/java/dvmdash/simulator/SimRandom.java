package dvmdash.simulator;

import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random choices used by the generators (deterministic for a seed; not thread-safe). */
public final class SimRandom {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".toCharArray();

  private final SplittableRandom r;

  public SimRandom(long seed) {
    this.r = new SplittableRandom(seed);
  }

  public boolean chance(double p) {
    return r.nextDouble() < p;
  }

  /** Uniform in [from, to). */
  public int between(int from, int to) {
    return r.nextInt(from, to);
  }

  public long between(long from, long to) {
    return r.nextLong(from, to);
  }

  public double nextDouble() {
    return r.nextDouble();
  }

  public <T> T pick(List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  /** Index skewed towards 0 (a few heavy users, a long tail). */
  public int skewedIndex(int n) {
    double u = r.nextDouble();
    return Math.min(n - 1, (int) (n * u * u));
  }

  /** Seconds from request to response: log-normal around {@code medianSeconds}, clamped to 1..1800. */
  public long responseDelay(double medianSeconds) {
    double v = Math.exp(Math.log(medianSeconds) + 1.1 * r.nextGaussian());
    return Math.max(1, Math.min(1800, Math.round(v)));
  }

  public String hex(int bytes) {
    char[] out = new char[bytes * 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = HEX[r.nextInt(16)];
    }
    return new String(out);
  }

  public String bech32Chars(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = BECH32[r.nextInt(BECH32.length)];
    }
    return new String(out);
  }

  public String base64(int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(b);
  }

  /** A derived, independent generator (for parallel or per-purpose streams). */
  public SimRandom split() {
    return new SimRandom(r.nextLong());
  }
}

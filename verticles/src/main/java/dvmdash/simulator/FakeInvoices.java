package dvmdash.simulator;

/**
 * BOLT11-looking invoices whose human-readable part carries the amount (the data part is random bech32 characters,
 * not a valid checksum: DVMDash only reads the HRP amount).
 */
public final class FakeInvoices {

  private FakeInvoices() {
  }

  /** An invoice for {@code msat}, or an any-amount invoice when {@code msat} is null. */
  public static String invoice(SimRandom rng, Long msat) {
    return "lnbc" + (msat == null ? "" : hrpAmount(msat)) + "1" + rng.bech32Chars(180);
  }

  /** Shortest BOLT11 amount for a millisat value: m, u, n multipliers, else pico (msat × 10). */
  public static String hrpAmount(long msat) {
    if (msat % 100_000_000L == 0) {
      return (msat / 100_000_000L) + "m";
    }
    if (msat % 100_000L == 0) {
      return (msat / 100_000L) + "u";
    }
    if (msat % 100L == 0) {
      return (msat / 100L) + "n";
    }
    return (msat * 10) + "p";
  }
}

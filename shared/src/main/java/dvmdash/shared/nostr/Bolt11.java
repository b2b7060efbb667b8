package dvmdash.shared.nostr;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The amount of a BOLT11 Lightning invoice, read from its human-readable part only (protocol.md §11). The checksum
 * and signature are not checked: the result is what the invoice claims, for display and comparison.
 */
public final class Bolt11 {

  /** Currency prefixes after {@code ln}, longest first so that {@code bcrt} is not read as {@code bc}. */
  private static final String[] CURRENCIES = {"bcrt", "tbs", "tb", "bc"};
  private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int MAX_AMOUNT_DIGITS = 18;
  private static final String URI_PREFIX = "lightning:";

  private Bolt11() {
  }

  /**
   * The invoice amount in millisats; empty for an any-amount invoice and for anything that is not a BOLT11
   * invoice (a Lightning address, garbage, an amount that is not a whole number of millisats). Case and a
   * {@code lightning:} prefix are ignored. Never throws.
   */
  public static OptionalLong amountMsat(String invoice) {
    if (invoice == null) {
      return OptionalLong.empty();
    }
    String s = invoice.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith(URI_PREFIX)) {
      s = s.substring(URI_PREFIX.length());
    }
    int sep = s.lastIndexOf('1');
    if (sep < 0 || !s.startsWith("ln") || !isBech32Data(s, sep + 1)) {
      return OptionalLong.empty();
    }
    String rest = s.substring(2, sep);
    for (String currency : CURRENCIES) {
      if (rest.startsWith(currency)) {
        return amountPart(rest.substring(currency.length()));
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong amountPart(String amount) {
    if (amount.isEmpty()) {
      return OptionalLong.empty();
    }
    char last = amount.charAt(amount.length() - 1);
    boolean hasMultiplier = last < '0' || last > '9';
    String digits = hasMultiplier ? amount.substring(0, amount.length() - 1) : amount;
    OptionalLong parsed = digits.length() > MAX_AMOUNT_DIGITS ? OptionalLong.empty() : Amounts.parseMsat(digits);
    if (parsed.isEmpty()) {
      return OptionalLong.empty();
    }
    long n = parsed.getAsLong();
    try {
      if (!hasMultiplier) {
        return OptionalLong.of(Math.multiplyExact(n, 100_000_000_000L));
      }
      return switch (last) {
        case 'm' -> OptionalLong.of(Math.multiplyExact(n, 100_000_000L));
        case 'u' -> OptionalLong.of(Math.multiplyExact(n, 100_000L));
        case 'n' -> OptionalLong.of(Math.multiplyExact(n, 100L));
        case 'p' -> n % 10 == 0 ? OptionalLong.of(n / 10) : OptionalLong.empty();
        default -> OptionalLong.empty();
      };
    } catch (ArithmeticException overflow) {
      return OptionalLong.empty();
    }
  }

  private static boolean isBech32Data(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (BECH32_CHARSET.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}

package dvmdash.truth;

import java.util.Locale;

/**
 * Minimal amount parsing for the truth oracle, written independently of the product: millisat strings (digits only,
 * at most 18) and BOLT11 human-readable-part amounts.
 */
final class TruthAmounts {

  private TruthAmounts() {
  }

  /** The millisats of an amount or bid string, or null when it is not 1..18 decimal digits. */
  static Long msat(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(s);
  }

  /** Millisats encoded in a BOLT11 invoice's HRP, or null (no amount, unknown currency, malformed). */
  static Long bolt11Msat(String invoice) {
    if (invoice == null) {
      return null;
    }
    String s = invoice.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 0 || !s.startsWith("ln")) {
      return null;
    }
    String hrp = s.substring(2, sep);
    String rest = null;
    for (String currency : new String[] {"bcrt", "tbs", "bc", "tb"}) {
      if (hrp.startsWith(currency)) {
        rest = hrp.substring(currency.length());
        break;
      }
    }
    if (rest == null || rest.isEmpty()) {
      return null;
    }
    char last = rest.charAt(rest.length() - 1);
    String digits = Character.isDigit(last) ? rest : rest.substring(0, rest.length() - 1);
    if (digits.isEmpty() || digits.length() > 18) {
      return null;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) {
        return null;
      }
    }
    long n = Long.parseLong(digits);
    try {
      return scale(n, Character.isDigit(last) ? ' ' : last);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Long scale(long n, char multiplier) {
    switch (multiplier) {
      case ' ':
        return Math.multiplyExact(n, 100_000_000_000L);
      case 'm':
        return Math.multiplyExact(n, 100_000_000L);
      case 'u':
        return Math.multiplyExact(n, 100_000L);
      case 'n':
        return Math.multiplyExact(n, 100L);
      case 'p':
        return n % 10 == 0 ? n / 10 : null;
      default:
        return null;
    }
  }
}

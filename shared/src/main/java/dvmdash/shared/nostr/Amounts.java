package dvmdash.shared.nostr;

import java.util.OptionalLong;

/** Defensive parsing of millisat amounts written as decimal strings ({@code amount} and {@code bid} tags). */
public final class Amounts {

  private static final int MAX_DIGITS = 18;

  private Amounts() {
  }

  /** 1 to 18 ASCII digits as a number of millisats; anything else ("100_000", "", "-5", "1.5") is empty. */
  public static OptionalLong parseMsat(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_DIGITS) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      value = value * 10 + (c - '0');
    }
    return OptionalLong.of(value);
  }

  /** The value of the event's first {@code amount} tag, parsed by {@link #parseMsat(String)}. */
  public static OptionalLong amountMsat(NostrEvent e) {
    return parseMsat(e.tagValue("amount"));
  }
}

package dvmdash.shared.nostr;

/** Lowercase hex encoding and strict decoding. */
public final class Hex {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {
  }

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Decodes lowercase or uppercase hex; throws IllegalArgumentException on odd length or a non-hex char. */
  public static byte[] decode(String hex) {
    if ((hex.length() & 1) != 0) {
      throw new IllegalArgumentException("odd hex length");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not hex");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** True when {@code s} is exactly {@code length} lowercase hex characters. */
  public static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}

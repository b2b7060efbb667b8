package dvmdash.shared.nostr;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Bech32 (BIP-173, not bech32m) encoding of bytes under a human-readable prefix, as used by NIP-19. No 90-character
 * limit: NIP-19 TLV entities are longer. Decoding rejects mixed case, bad characters and bad checksums.
 */
public final class Bech32 {

  /** A decoded string: its lowercase prefix and the payload bytes. */
  public record Decoded(String hrp, byte[] data) {
  }

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  private static final int MAX_LENGTH = 5000;

  private Bech32() {
  }

  public static String encode(String hrp, byte[] data) {
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, values);
    StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6);
    sb.append(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  /** The prefix and bytes of a valid bech32 string, or empty. Never throws. */
  public static Optional<Decoded> decode(String s) {
    if (s == null || s.length() < 8 || s.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (!s.equals(lower) && !s.equals(s.toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      return Optional.empty();
    }
    String hrp = lower.substring(0, sep);
    for (int i = 0; i < hrp.length(); i++) {
      char c = hrp.charAt(i);
      if (c < 33 || c > 126) {
        return Optional.empty();
      }
    }
    byte[] values = new byte[lower.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
      if (v < 0) {
        return Optional.empty();
      }
      values[i] = (byte) v;
    }
    if (polymod(expandHrp(hrp), values) != 1) {
      return Optional.empty();
    }
    byte[] payload = new byte[values.length - 6];
    System.arraycopy(values, 0, payload, 0, payload.length);
    byte[] data = convertBits(payload, 5, 8, false);
    return data == null ? Optional.empty() : Optional.of(new Decoded(hrp, data));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] withZeros = new byte[values.length + 6];
    System.arraycopy(values, 0, withZeros, 0, values.length);
    int mod = polymod(expandHrp(hrp), withZeros) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expandHrp(String hrp) {
    int n = hrp.length();
    byte[] out = new byte[2 * n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] hrpValues, byte[] values) {
    int chk = 1;
    chk = polymodStep(chk, hrpValues);
    return polymodStep(chk, values);
  }

  private static int polymodStep(int chk, byte[] values) {
    for (byte v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  /** Regroups bits; null when decoding leaves non-zero padding or a whole spare group. */
  private static byte[] convertBits(byte[] in, int fromBits, int toBits, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << toBits) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * fromBits / toBits + 1);
    for (byte b : in) {
      int value = b & 0xff;
      acc = (acc << fromBits) | value;
      bits += fromBits;
      while (bits >= toBits) {
        bits -= toBits;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (toBits - bits)) & maxv);
      }
    } else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0) {
      return null;
    }
    return out.toByteArray();
  }
}

package dvmdash.shared.nostr;

import java.util.Locale;
import java.util.Optional;

/** NIP-19 bech32 entities for display and user input: {@code npub}, {@code note}, {@code nprofile}, {@code nevent}. */
public final class Nip19 {

  private static final String URI_PREFIX = "nostr:";
  private static final int TLV_SPECIAL = 0;

  private Nip19() {
  }

  /** The {@code npub1…} form of a 64-hex pubkey; throws IllegalArgumentException for anything else. */
  public static String encodeNpub(String pubkeyHex) {
    return Bech32.encode("npub", key(pubkeyHex));
  }

  /** The {@code note1…} form of a 64-hex event id; throws IllegalArgumentException for anything else. */
  public static String encodeNote(String eventIdHex) {
    return Bech32.encode("note", key(eventIdHex));
  }

  /**
   * The 64 lowercase hex of the key or id in an {@code npub}, {@code note}, {@code nprofile} or {@code nevent}
   * (optionally with a {@code nostr:} prefix), or in 64 hex characters of either case. Anything else, including
   * {@code nsec} and {@code naddr}, is empty. Never throws.
   */
  public static Optional<String> decodeToHex(String input) {
    if (input == null) {
      return Optional.empty();
    }
    String s = input.trim();
    if (s.regionMatches(true, 0, URI_PREFIX, 0, URI_PREFIX.length())) {
      s = s.substring(URI_PREFIX.length());
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (Hex.isLowerHex(lower, 64)) {
      return Optional.of(lower);
    }
    return Bech32.decode(s).flatMap(Nip19::payload32).map(Hex::encode);
  }

  private static Optional<byte[]> payload32(Bech32.Decoded d) {
    return switch (d.hrp()) {
      case "npub", "note" -> d.data().length == 32 ? Optional.of(d.data()) : Optional.empty();
      case "nprofile", "nevent" -> specialTlv(d.data());
      default -> Optional.empty();
    };
  }

  /** The value of the first TLV of type 0 when it is 32 bytes long; unknown types are skipped. */
  private static Optional<byte[]> specialTlv(byte[] tlv) {
    int i = 0;
    while (i + 2 <= tlv.length) {
      int type = tlv[i] & 0xff;
      int len = tlv[i + 1] & 0xff;
      int start = i + 2;
      if (start + len > tlv.length) {
        return Optional.empty();
      }
      if (type == TLV_SPECIAL) {
        if (len != 32) {
          return Optional.empty();
        }
        byte[] out = new byte[32];
        System.arraycopy(tlv, start, out, 0, 32);
        return Optional.of(out);
      }
      i = start + len;
    }
    return Optional.empty();
  }

  private static byte[] key(String hex) {
    if (hex == null || !Hex.isLowerHex(hex.toLowerCase(Locale.ROOT), 64)) {
      throw new IllegalArgumentException("expected 64 hex characters");
    }
    return Hex.decode(hex);
  }
}

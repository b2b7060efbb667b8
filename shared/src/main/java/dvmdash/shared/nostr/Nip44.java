package dvmdash.shared.nostr;

import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIP-44 version 2 payload encryption (pure): the conversation key is HKDF-extract(salt "nip44-v2", the unhashed x of
 * the secp256k1 ECDH point); per message, HKDF-expand(conversation key, 32-byte nonce, 76) gives the ChaCha20 key, its
 * 12-byte nonce and the HMAC-SHA256 key; the plaintext is padded (a big-endian u16 length, then zeros up to
 * {@link #paddedLength}); the payload is base64(0x02 ‖ nonce ‖ ciphertext ‖ HMAC(nonce ‖ ciphertext)). Checked against
 * the official test vectors (Nip44Test). Errors are {@link IllegalArgumentException}s with a reason.
 */
public final class Nip44 {

  private static final byte VERSION = 2;
  private static final byte[] SALT = "nip44-v2".getBytes(StandardCharsets.US_ASCII);
  private static final int MIN_PLAINTEXT = 1;
  private static final int MAX_PLAINTEXT = 65_535;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The three keys of one message. */
  public record MessageKeys(byte[] chachaKey, byte[] chachaNonce, byte[] hmacKey) {
  }

  private Nip44() {
  }

  /** The conversation key of a secret key and the other side's x-only public key (hex); symmetric. */
  public static byte[] conversationKey(byte[] secretKey, String xonlyPubkeyHex) {
    if (secretKey.length != 32 || !Secp256k1.get().secKeyVerify(secretKey)) {
      throw new IllegalArgumentException("invalid secret key");
    }
    if (!Hex.isLowerHex(xonlyPubkeyHex, 64)) {
      throw new IllegalArgumentException("public key must be 64 lowercase hex characters");
    }
    byte[] compressed = new byte[33];
    compressed[0] = 2;
    System.arraycopy(Hex.decode(xonlyPubkeyHex), 0, compressed, 1, 32);
    byte[] point;
    try {
      point = Secp256k1.get().pubKeyTweakMul(Secp256k1.get().pubkeyParse(compressed), secretKey);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("public key is not on the curve");
    }
    byte[] sharedX = Arrays.copyOfRange(Secp256k1.get().pubKeyCompress(point), 1, 33);
    return hmac(SALT, sharedX);
  }

  /** HKDF-expand of the conversation key with the message nonce. */
  public static MessageKeys messageKeys(byte[] conversationKey, byte[] nonce) {
    if (conversationKey.length != 32 || nonce.length != 32) {
      throw new IllegalArgumentException("conversation key and nonce must be 32 bytes");
    }
    byte[] okm = new byte[76];
    byte[] t = new byte[0];
    int off = 0;
    for (int i = 1; off < okm.length; i++) {
      byte[] in = new byte[t.length + nonce.length + 1];
      System.arraycopy(t, 0, in, 0, t.length);
      System.arraycopy(nonce, 0, in, t.length, nonce.length);
      in[in.length - 1] = (byte) i;
      t = hmac(conversationKey, in);
      int n = Math.min(t.length, okm.length - off);
      System.arraycopy(t, 0, okm, off, n);
      off += n;
    }
    return new MessageKeys(Arrays.copyOfRange(okm, 0, 32), Arrays.copyOfRange(okm, 32, 44),
        Arrays.copyOfRange(okm, 44, 76));
  }

  /** The padded length of a plaintext of {@code len} bytes (at least 1). */
  public static int paddedLength(int len) {
    if (len < MIN_PLAINTEXT) {
      throw new IllegalArgumentException("plaintext must not be empty");
    }
    if (len <= 32) {
      return 32;
    }
    int nextPower = Integer.highestOneBit(len - 1) << 1;
    int chunk = nextPower <= 256 ? 32 : nextPower / 8;
    return chunk * ((len - 1) / chunk + 1);
  }

  /** Encrypts with a fresh random nonce. */
  public static String encrypt(String plaintext, byte[] conversationKey) {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return encrypt(plaintext, conversationKey, nonce);
  }

  /** Encrypts with the given nonce (tests; use {@link #encrypt(String, byte[])} otherwise). */
  public static String encrypt(String plaintext, byte[] conversationKey, byte[] nonce) {
    byte[] text = plaintext.getBytes(StandardCharsets.UTF_8);
    if (text.length < MIN_PLAINTEXT || text.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("plaintext must be 1 to 65535 bytes, not " + text.length);
    }
    int padded = paddedLength(text.length);
    byte[] buf = new byte[2 + padded];
    buf[0] = (byte) (text.length >>> 8);
    buf[1] = (byte) text.length;
    System.arraycopy(text, 0, buf, 2, text.length);
    MessageKeys k = messageKeys(conversationKey, nonce);
    byte[] cipher = chacha(Cipher.ENCRYPT_MODE, k, buf);
    byte[] mac = hmac(k.hmacKey(), concat(nonce, cipher));
    byte[] out = new byte[1 + 32 + cipher.length + 32];
    out[0] = VERSION;
    System.arraycopy(nonce, 0, out, 1, 32);
    System.arraycopy(cipher, 0, out, 33, cipher.length);
    System.arraycopy(mac, 0, out, 33 + cipher.length, 32);
    return Base64.getEncoder().encodeToString(out);
  }

  /** Decrypts a payload; throws IllegalArgumentException naming what is wrong (version, length, MAC, padding). */
  public static String decrypt(String payload, byte[] conversationKey) {
    if (payload == null || payload.isEmpty() || payload.charAt(0) == '#') {
      throw new IllegalArgumentException("unknown encryption version");
    }
    if (payload.length() < 132 || payload.length() > 87_472) {
      throw new IllegalArgumentException("invalid payload size " + payload.length());
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid base64");
    }
    if (data.length < 99 || data.length > 65_603) {
      throw new IllegalArgumentException("invalid data size " + data.length);
    }
    if (data[0] != VERSION) {
      throw new IllegalArgumentException("unknown encryption version " + data[0]);
    }
    byte[] nonce = Arrays.copyOfRange(data, 1, 33);
    byte[] cipher = Arrays.copyOfRange(data, 33, data.length - 32);
    byte[] mac = Arrays.copyOfRange(data, data.length - 32, data.length);
    MessageKeys k = messageKeys(conversationKey, nonce);
    if (!MessageDigest.isEqual(mac, hmac(k.hmacKey(), concat(nonce, cipher)))) {
      throw new IllegalArgumentException("invalid MAC");
    }
    byte[] padded = chacha(Cipher.DECRYPT_MODE, k, cipher);
    int len = (padded[0] & 0xff) << 8 | padded[1] & 0xff;
    if (len < MIN_PLAINTEXT || padded.length != 2 + paddedLength(len)) {
      throw new IllegalArgumentException("invalid padding");
    }
    return new String(padded, 2, len, StandardCharsets.UTF_8);
  }

  private static byte[] chacha(int mode, MessageKeys k, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("ChaCha20");
      c.init(mode, new SecretKeySpec(k.chachaKey(), "ChaCha20"), new ChaCha20ParameterSpec(k.chachaNonce(), 0));
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20 unavailable", e);
    }
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

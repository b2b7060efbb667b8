package dvmdash.shared.nostr;

import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * Creates signed events from a secret key (used by the simulator, tests and benchmarks; never for users' keys). A
 * signer is either randomized (BIP-340 auxiliary randomness, as wallets sign) or deterministic (no auxiliary
 * randomness: the same key and fields give the same signature, so a simulation seed reproduces every event byte for
 * byte).
 */
public final class EventSigner {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secretKey;
  private final String pubkey;
  private final boolean deterministic;

  public EventSigner(byte[] secretKey) {
    this(secretKey, false);
  }

  private EventSigner(byte[] secretKey, boolean deterministic) {
    this.secretKey = secretKey.clone();
    this.deterministic = deterministic;
    byte[] full = Secp256k1.get().pubkeyCreate(this.secretKey);
    byte[] compressed = Secp256k1.get().pubKeyCompress(full);
    byte[] xonly = new byte[32];
    System.arraycopy(compressed, 1, xonly, 0, 32);
    this.pubkey = Hex.encode(xonly);
  }

  /** A signer for a fresh random key. */
  public static EventSigner random() {
    byte[] sk = new byte[32];
    RANDOM.nextBytes(sk);
    return new EventSigner(sk);
  }

  /** A deterministic key derived from a seed (same seed, same key), signing with auxiliary randomness. */
  public static EventSigner fromSeed(long seed) {
    return new EventSigner(seedKey(seed), false);
  }

  /**
   * The key of {@link #fromSeed} (same pubkey), signing without auxiliary randomness, so the same fields always give
   * the same signature (and events that embed other events, such as results and zap receipts, the same id).
   */
  public static EventSigner deterministic(long seed) {
    return new EventSigner(seedKey(seed), true);
  }

  private static byte[] seedKey(long seed) {
    byte[] sk = new byte[32];
    new Random(seed).nextBytes(sk);
    sk[0] = (byte) (sk[0] & 0x7f); // stay well below the curve order
    if (sk[0] == 0) {
      sk[0] = 1;
    }
    return sk;
  }

  public String pubkey() {
    return pubkey;
  }

  /** The NIP-44 conversation key with {@code peerPubkey} (hex); the secret key itself never leaves this class. */
  public byte[] conversationKey(String peerPubkey) {
    return Nip44.conversationKey(secretKey, peerPubkey);
  }

  public NostrEvent sign(long createdAt, int kind, List<List<String>> tags, String content) {
    byte[] id = CanonicalSerializer.idBytes(pubkey, createdAt, kind, tags, content);
    if (id == null) {
      throw new IllegalArgumentException("content or tags hold a lone surrogate");
    }
    byte[] aux = null;
    if (!deterministic) {
      aux = new byte[32];
      RANDOM.nextBytes(aux);
    }
    byte[] sig = Secp256k1.get().signSchnorr(id, secretKey, aux);
    return new NostrEvent(Hex.encode(id), pubkey, createdAt, kind, tags, content, Hex.encode(sig));
  }
}

package dvmdash.simulator;

import dvmdash.shared.nostr.CanonicalSerializer;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import fr.acinq.secp256k1.Secp256k1;
import java.util.List;
import java.util.Random;

/**
 * Deterministic signer for simulated accounts: the same key derivation as {@code EventSigner.fromSeed} (same
 * pubkeys) but BIP-340 signatures without auxiliary randomness, so a seed reproduces every event byte for byte
 * (results embed their request's JSON, zap receipts their zap request's, so ids depend on signatures).
 */
public final class SimSigner {

  private final byte[] secretKey;
  private final String pubkey;

  private SimSigner(byte[] secretKey) {
    this.secretKey = secretKey;
    byte[] compressed = Secp256k1.get().pubKeyCompress(Secp256k1.get().pubkeyCreate(secretKey));
    byte[] xonly = new byte[32];
    System.arraycopy(compressed, 1, xonly, 0, 32);
    this.pubkey = Hex.encode(xonly);
  }

  public static SimSigner fromSeed(long seed) {
    byte[] sk = new byte[32];
    new Random(seed).nextBytes(sk);
    sk[0] = (byte) (sk[0] & 0x7f);
    if (sk[0] == 0) {
      sk[0] = 1;
    }
    return new SimSigner(sk);
  }

  public String pubkey() {
    return pubkey;
  }

  public NostrEvent sign(long createdAt, int kind, List<List<String>> tags, String content) {
    byte[] id = CanonicalSerializer.idBytes(pubkey, createdAt, kind, tags, content);
    if (id == null) {
      throw new IllegalArgumentException("content or tags hold a lone surrogate");
    }
    byte[] sig = Secp256k1.get().signSchnorr(id, secretKey, null);
    return new NostrEvent(Hex.encode(id), pubkey, createdAt, kind, tags, content, Hex.encode(sig));
  }
}

package dvmdash.shared.nostr;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;

/** Checks that an event's id re-hashes from its fields and that its BIP-340 signature verifies over that id. */
public final class EventVerifier {

  private EventVerifier() {
  }

  /** Throws with {@link RejectReason#ID_MISMATCH} or {@link RejectReason#BAD_SIGNATURE}; returns on success. */
  public static void verify(NostrEvent e) throws InvalidEventException {
    byte[] id = CanonicalSerializer.idBytes(e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content());
    if (id == null || !Arrays.equals(id, Hex.decode(e.id()))) {
      throw new InvalidEventException(RejectReason.ID_MISMATCH, "id does not match the event's fields");
    }
    if (!signatureValid(id, Hex.decode(e.pubkey()), Hex.decode(e.sig()))) {
      throw new InvalidEventException(RejectReason.BAD_SIGNATURE, "signature does not verify");
    }
  }

  public static boolean signatureValid(byte[] msg32, byte[] xonlyPubkey, byte[] sig64) {
    try {
      return Secp256k1.get().verifySchnorr(sig64, msg32, xonlyPubkey);
    } catch (RuntimeException ex) {
      return false;
    }
  }
}

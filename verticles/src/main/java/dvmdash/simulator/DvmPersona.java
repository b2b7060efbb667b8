package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import java.util.List;

/**
 * A simulated DVM: its key, display name, the request kinds it serves, how it announces itself and how it behaves
 * (whether it asks for payment, how often it fails, how fast it answers).
 */
public record DvmPersona(int index, EventSigner signer, String name, List<Integer> kinds, AnnouncementStyle style,
                         boolean paid, double errorRate, double medianSeconds) {

  public String pubkey() {
    return signer.pubkey();
  }

  public boolean serves(int kind) {
    return kinds.contains(kind);
  }
}

package dvmdash.shared.nostr;

import java.util.Optional;

/** Reads the recipient, zapped event and amount out of a kind 9735 zap receipt. */
public final class ZapReceipt {

  public static final int KIND = 9735;

  private ZapReceipt() {
  }

  /**
   * The zap a receipt claims, or empty when the event is not kind 9735 or has no {@code p} tag holding a
   * 64-lowercase-hex pubkey. The zapped event is the first {@code e} tag when it is 64 lowercase hex, else null.
   */
  public static Optional<Zap> parse(NostrEvent e) {
    if (e.kind() != KIND) {
      return Optional.empty();
    }
    String recipient = e.tagValue("p");
    if (!Hex.isLowerHex(recipient, 64)) {
      return Optional.empty();
    }
    String zapped = e.tagValue("e");
    if (!Hex.isLowerHex(zapped, 64)) {
      zapped = null;
    }
    long amount = Bolt11.amountMsat(e.tagValue("bolt11")).orElse(0L);
    return Optional.of(new Zap(recipient, zapped, amount));
  }
}

package dvmdash.shared.nostr;

/**
 * What a NIP-57 zap receipt claims: who was zapped, which event (or null), and the invoice amount in millisats
 * (0 when the invoice could not be decoded). A receipt is made by the recipient's own server, so it is a claim,
 * not proof of payment.
 */
public record Zap(String recipient, String zappedEvent, long amountMsat) {
}

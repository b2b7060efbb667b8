package dvmdash.shared.nostr;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;

/**
 * NIP-17 private direct messages, wrapped as NIP-59 says: the message is an unsigned kind 14 "rumor" from the sender
 * p-tagging the recipient, NIP-44-encrypted into a kind 13 seal signed by the sender, NIP-44-encrypted again into a
 * kind 1059 gift wrap signed by a fresh random key and p-tagging the recipient. The seal's and the wrap's
 * {@code created_at} are random times up to two days before now (so relays learn neither who nor when). Pure.
 */
public final class PrivateMessage {

  public static final int RUMOR = 14;
  public static final int SEAL = 13;
  public static final int GIFT_WRAP = 1059;
  /** The seal's and the wrap's created_at lie up to this far in the past. */
  public static final long MAX_TWEAK_SECONDS = 2 * 86_400;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A message opened by its recipient. */
  public record Opened(String sender, long createdAt, String text, List<List<String>> tags) {
  }

  private PrivateMessage() {
  }

  /** The gift wrap carrying {@code text} from {@code sender} to {@code recipient} (hex pubkey). */
  public static NostrEvent wrap(EventSigner sender, String recipient, String text, long now) {
    List<List<String>> rumorTags = List.of(List.of("p", recipient));
    String rumorId = CanonicalSerializer.computeId(sender.pubkey(), now, RUMOR, rumorTags, text);
    if (rumorId == null) {
      throw new IllegalArgumentException("the message holds a lone surrogate");
    }
    StringBuilder rumor = new StringBuilder(256 + text.length());
    rumor.append("{\"id\":\"").append(rumorId).append("\",\"pubkey\":\"").append(sender.pubkey())
        .append("\",\"created_at\":").append(now).append(",\"kind\":").append(RUMOR).append(",\"tags\":");
    CanonicalSerializer.appendTags(rumor, rumorTags);
    rumor.append(",\"content\":");
    CanonicalSerializer.appendString(rumor, text);
    rumor.append('}');
    NostrEvent seal = sender.sign(tweaked(now), SEAL, List.of(),
        Nip44.encrypt(rumor.toString(), sender.conversationKey(recipient)));
    EventSigner ephemeral = EventSigner.random();
    return ephemeral.sign(tweaked(now), GIFT_WRAP, List.of(List.of("p", recipient)),
        Nip44.encrypt(EventWriter.toJson(seal), ephemeral.conversationKey(recipient)));
  }

  /**
   * Opens a gift wrap addressed to {@code recipient}: decrypts it, checks the seal's signature and that the rumor is
   * a kind 14 by the seal's author with a matching id; throws IllegalArgumentException naming what is wrong.
   */
  public static Opened unwrap(NostrEvent wrap, EventSigner recipient) {
    if (wrap.kind() != GIFT_WRAP) {
      throw new IllegalArgumentException("not a gift wrap (kind " + wrap.kind() + ")");
    }
    NostrEvent seal;
    try {
      seal = EventParser.parse(Nip44.decrypt(wrap.content(), recipient.conversationKey(wrap.pubkey())));
      EventVerifier.verify(seal);
    } catch (InvalidEventException e) {
      throw new IllegalArgumentException("bad seal: " + e.getMessage());
    }
    if (seal.kind() != SEAL) {
      throw new IllegalArgumentException("not a seal (kind " + seal.kind() + ")");
    }
    NostrEvent rumor;
    try {
      JsonObject o = new JsonObject(Nip44.decrypt(seal.content(), recipient.conversationKey(seal.pubkey())));
      rumor = EventParser.fromJson(o.copy().put("sig", "0".repeat(128)));
    } catch (DecodeException | ClassCastException | InvalidEventException e) {
      throw new IllegalArgumentException("bad rumor: " + e.getMessage());
    }
    if (rumor.kind() != RUMOR || !rumor.pubkey().equals(seal.pubkey())) {
      throw new IllegalArgumentException("the rumor is not a kind 14 by the seal's author");
    }
    if (!rumor.id().equals(CanonicalSerializer.computeId(rumor.pubkey(), rumor.createdAt(), rumor.kind(),
        rumor.tags(), rumor.content()))) {
      throw new IllegalArgumentException("the rumor's id does not match its content");
    }
    return new Opened(rumor.pubkey(), rumor.createdAt(), rumor.content(), rumor.tags());
  }

  private static long tweaked(long now) {
    return now - (long) (RANDOM.nextDouble() * MAX_TWEAK_SECONDS);
  }
}

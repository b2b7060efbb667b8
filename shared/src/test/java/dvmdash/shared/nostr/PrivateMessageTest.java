package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateMessageTest {

  private static final long NOW = 1_795_500_000L;
  private final EventSigner monitor = EventSigner.fromSeed(1);
  private final EventSigner operator = EventSigner.fromSeed(2);

  @Test
  void theRecipientOpensWhatTheSenderWrapped() throws Exception {
    String text = "DVM \"Echo\" is down since 2026-12-07 06:00 UTC (no heartbeat for more than 900 s) ⚠️";
    NostrEvent wrap = PrivateMessage.wrap(monitor, operator.pubkey(), text, NOW);
    EventVerifier.verify(wrap);
    assertEquals(1059, wrap.kind());
    assertEquals(operator.pubkey(), wrap.tagValue("p"));
    assertNotEquals(monitor.pubkey(), wrap.pubkey(), "signed by a one-time key, not the sender");
    assertTrue(wrap.createdAt() <= NOW && wrap.createdAt() >= NOW - PrivateMessage.MAX_TWEAK_SECONDS);
    assertTrue(!wrap.content().contains("Echo"));
    PrivateMessage.Opened opened = PrivateMessage.unwrap(wrap, operator);
    assertEquals(monitor.pubkey(), opened.sender());
    assertEquals(text, opened.text());
    assertEquals(NOW, opened.createdAt());
    assertEquals(List.of(List.of("p", operator.pubkey())), opened.tags());
  }

  @Test
  void eachWrapHasItsOwnKeyAndOnlyTheRecipientCanOpenIt() {
    NostrEvent a = PrivateMessage.wrap(monitor, operator.pubkey(), "hello", NOW);
    NostrEvent b = PrivateMessage.wrap(monitor, operator.pubkey(), "hello", NOW);
    assertNotEquals(a.pubkey(), b.pubkey());
    assertThrows(IllegalArgumentException.class, () -> PrivateMessage.unwrap(a, EventSigner.fromSeed(3)));
    NostrEvent tampered = new NostrEvent(a.id(), a.pubkey(), a.createdAt(), a.kind(), a.tags(),
        a.content().substring(0, 40) + (a.content().charAt(40) == 'A' ? 'B' : 'A') + a.content().substring(41), a.sig());
    assertThrows(IllegalArgumentException.class, () -> PrivateMessage.unwrap(tampered, operator));
    NostrEvent notAWrap = monitor.sign(NOW, 1, List.of(), "x");
    assertThrows(IllegalArgumentException.class, () -> PrivateMessage.unwrap(notAWrap, operator));
  }
}

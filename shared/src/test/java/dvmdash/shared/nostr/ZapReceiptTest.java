package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZapReceiptTest {

  private static final EventSigner LNURL_SERVER = EventSigner.fromSeed(11);
  private static final String DVM = EventSigner.fromSeed(12).pubkey();
  private static final String SENDER = EventSigner.fromSeed(13).pubkey();
  private static final String RESULT_ID = "a".repeat(64);
  private static final String INVOICE = "lnbc210n1pjqqqqpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypq";

  private static NostrEvent receipt(int kind, List<List<String>> tags) {
    return LNURL_SERVER.sign(1700000000L, kind, tags, "");
  }

  @Test
  void fullReceipt() {
    NostrEvent e = receipt(9735, List.of(List.of("p", DVM), List.of("P", SENDER), List.of("e", RESULT_ID),
      List.of("bolt11", INVOICE), List.of("description", "{\"kind\":9734}")));
    assertEquals(Optional.of(new Zap(DVM, RESULT_ID, 21000)), ZapReceipt.parse(e));
  }

  @Test
  void profileZapHasNoEvent() {
    Zap zap = ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM), List.of("bolt11", INVOICE)))).orElseThrow();
    assertEquals(DVM, zap.recipient());
    assertNull(zap.zappedEvent());
    assertEquals(21000, zap.amountMsat());
  }

  @Test
  void undecodableOrMissingInvoiceCountsZero() {
    Zap bad = ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM), List.of("bolt11", "botlab@zeuspay.com"))))
      .orElseThrow();
    assertEquals(0, bad.amountMsat());
    Zap anyAmount = ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM),
      List.of("bolt11", "lnbc1pjqqqqpp5qqqsyqcyq5rqwzqfqq")))).orElseThrow();
    assertEquals(0, anyAmount.amountMsat());
    assertEquals(0, ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM)))).orElseThrow().amountMsat());
  }

  @Test
  void malformedEventTagIsNull() {
    Zap zap = ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM), List.of("e", "not-an-id"),
      List.of("bolt11", INVOICE)))).orElseThrow();
    assertNull(zap.zappedEvent());
  }

  @Test
  void notAReceiptIsEmpty() {
    assertTrue(ZapReceipt.parse(receipt(9734, List.of(List.of("p", DVM), List.of("bolt11", INVOICE)))).isEmpty());
    assertTrue(ZapReceipt.parse(receipt(9735, List.of(List.of("bolt11", INVOICE)))).isEmpty(), "no p tag");
    assertTrue(ZapReceipt.parse(receipt(9735, List.of(List.of("p", DVM.toUpperCase())))).isEmpty(), "bad p tag");
    assertTrue(ZapReceipt.parse(receipt(9735, List.of(List.of("p")))).isEmpty(), "p without value");
  }
}

package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void plainDigitsParse() {
    assertEquals(OptionalLong.of(0), Amounts.parseMsat("0"));
    assertEquals(OptionalLong.of(1000), Amounts.parseMsat("1000"));
    assertEquals(OptionalLong.of(1545000), Amounts.parseMsat("1545000"));
    assertEquals(OptionalLong.of(999_999_999_999_999_999L), Amounts.parseMsat("999999999999999999"));
    assertEquals(OptionalLong.of(7), Amounts.parseMsat("007"));
  }

  @Test
  void junkIsEmpty() {
    for (String junk : List.of("100_000", "", "-5", "+5", "1.5", "abc", " 100", "100 ", "1e3", "1,000",
        "1000000000000000000", "99999999999999999999", "١٢٣", "0x10")) {
      assertTrue(Amounts.parseMsat(junk).isEmpty(), "expected empty for '" + junk + "'");
    }
    assertTrue(Amounts.parseMsat(null).isEmpty());
  }

  @Test
  void amountTagOfAnEvent() {
    EventSigner s = EventSigner.fromSeed(3);
    NostrEvent paid = s.sign(1, 7000, List.of(List.of("status", "payment-required"),
      List.of("amount", "21000", "lnbc210n1pjqqqq"), List.of("amount", "5")), "");
    assertEquals(OptionalLong.of(21000), Amounts.amountMsat(paid));
    NostrEvent junk = s.sign(1, 7000, List.of(List.of("amount", "100_000", "botlab@zeuspay.com")), "");
    assertTrue(Amounts.amountMsat(junk).isEmpty());
    NostrEvent none = s.sign(1, 7000, List.of(List.of("status", "success")), "");
    assertTrue(Amounts.amountMsat(none).isEmpty());
  }
}

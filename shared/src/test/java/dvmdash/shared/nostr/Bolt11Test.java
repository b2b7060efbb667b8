package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class Bolt11Test {

  /** A bech32 data part (no '1', only bech32 characters); amounts are read from the prefix alone. */
  private static final String DATA = "pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypq"
    + "dq5xysxxatsyp3k7enxv4js";

  private static OptionalLong amount(String hrp) {
    return Bolt11.amountMsat(hrp + "1" + DATA);
  }

  @Test
  void protocolExamples() {
    assertEquals(OptionalLong.of(1000), amount("lnbc10n"));
    assertEquals(OptionalLong.of(25000), amount("lnbc250n"));
    assertEquals(OptionalLong.of(1545000), amount("lnbc15450n"));
  }

  @Test
  void everyMultiplier() {
    assertEquals(OptionalLong.of(2_000_000_000L), amount("lnbc20m"));
    assertEquals(OptionalLong.of(250_000_000L), amount("lnbc2500u"));
    assertEquals(OptionalLong.of(967_878_534L), amount("lnbc9678785340p"));
    assertEquals(OptionalLong.of(1L), amount("lnbc10p"));
    assertEquals(OptionalLong.of(100_000_000_000L), amount("lnbc1"));
    assertEquals(OptionalLong.of(300_000_000_000L), amount("lnbc3"));
  }

  @Test
  void separatorIsTheLastOne() {
    assertEquals(OptionalLong.of(100_000_000L), Bolt11.amountMsat("lnbc1m1" + DATA));
    assertEquals(OptionalLong.of(1_100_000L), Bolt11.amountMsat("lnbc11u1" + DATA));
  }

  @Test
  void anyAmountInvoiceIsEmpty() {
    assertTrue(Bolt11.amountMsat("lnbc1" + DATA).isEmpty());
    assertTrue(Bolt11.amountMsat("lntb1" + DATA).isEmpty());
  }

  @Test
  void otherNetworks() {
    assertEquals(OptionalLong.of(2_000_000_000L), amount("lntb20m"));
    assertEquals(OptionalLong.of(1_000_000L), amount("lntbs10u"));
    assertEquals(OptionalLong.of(5_000_000L), amount("lnbcrt50u"));
    assertTrue(Bolt11.amountMsat("lnbcrt1" + DATA).isEmpty(), "regtest any-amount is not 'rt' garbage");
  }

  @Test
  void picoMustBeAWholeMillisat() {
    assertTrue(amount("lnbc12345p").isEmpty());
    assertTrue(amount("lnbc1p").isEmpty());
  }

  @Test
  void caseAndUriPrefixAreIgnored() {
    assertEquals(OptionalLong.of(1000), Bolt11.amountMsat(("lnbc10n1" + DATA).toUpperCase()));
    assertEquals(OptionalLong.of(1000), Bolt11.amountMsat("lightning:lnbc10n1" + DATA));
    assertEquals(OptionalLong.of(1000), Bolt11.amountMsat("  lnbc10n1" + DATA + "\n"));
  }

  @Test
  void garbageIsEmptyAndNeverThrows() {
    List<String> junk = Arrays.asList(null, "", "1", "ln", "lnbc", "lnbc10n", "lnbc10n1", "botlab@zeuspay.com",
      "user1@getalby.com", "lnurl1dp68gurn8ghj7", "lnbc10x1" + DATA, "lnxy10n1" + DATA, "bc10n1" + DATA,
      "lnbc-5n1" + DATA, "lnbc1.5n1" + DATA, "lnbc10n1" + DATA + " x", "lnbc10n1" + DATA + "b",
      "lnbc99999999999999999999n1" + DATA, "lnbc999999999999999999m1" + DATA, "lnbc10nn1" + DATA, "lnbcn1" + DATA,
      "lnbc10n1\ud800");
    for (String s : junk) {
      assertTrue(Bolt11.amountMsat(s).isEmpty(), "expected empty for " + s);
    }
  }
}

package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelayLookupBudgetTest {

  static String id(int i) {
    return String.format("%064x", i);
  }

  @Test
  void threeHundredRequestsForUnknownIdsStartAtMostTheBurstOfRelayLookups() {
    RelayLookupBudget b = new RelayLookupBudget(5, 20, 600_000, 10_000);
    int asked = 0;
    for (int i = 0; i < 300; i++) {
      if (b.admit(id(i), 1_000) == RelayLookupBudget.Verdict.ASK_RELAYS) {
        asked++;
      }
    }
    assertEquals(20, asked);
    assertEquals(RelayLookupBudget.Verdict.TOO_MANY, b.admit(id(999), 1_100));
    assertEquals(RelayLookupBudget.Verdict.ASK_RELAYS, b.admit(id(999), 1_200), "5 a second refill");
  }

  @Test
  void anIdNoRelayHadIsAnsweredFromMemoryUntilItExpires() {
    RelayLookupBudget b = new RelayLookupBudget(5, 20, 600_000, 10_000);
    assertEquals(RelayLookupBudget.Verdict.ASK_RELAYS, b.admit(id(1), 0));
    b.missing(id(1), 3_000);
    for (int i = 0; i < 1000; i++) {
      assertEquals(RelayLookupBudget.Verdict.KNOWN_MISSING, b.admit(id(1), 4_000));
    }
    assertEquals(RelayLookupBudget.Verdict.ASK_RELAYS, b.admit(id(1), 603_000), "asked again after 10 minutes");
  }

  @Test
  void theMemoryOfMissingIdsIsBounded() {
    RelayLookupBudget b = new RelayLookupBudget(1000, 1000, 600_000, 2);
    b.missing(id(1), 0);
    b.missing(id(2), 0);
    b.missing(id(3), 0);
    assertEquals(RelayLookupBudget.Verdict.ASK_RELAYS, b.admit(id(1), 1), "oldest forgotten");
    assertEquals(RelayLookupBudget.Verdict.KNOWN_MISSING, b.admit(id(3), 1));
  }
}

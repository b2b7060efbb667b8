package dvmdash.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PublishGateTest {

  static String id(int i) {
    return String.format("%064x", i);
  }

  @Test
  void anEventAlreadyRelayedIsRefused() {
    PublishGate g = new PublishGate(10, 6_000, 60, 1_000);
    assertEquals(PublishGate.Verdict.ALLOW, g.admit("a", id(1), 0));
    g.relayed(id(1));
    assertEquals(PublishGate.Verdict.ALREADY_RELAYED, g.admit("b", id(1), 10_000));
  }

  @Test
  void manyAddressesTogetherHitTheGlobalCap() {
    PublishGate g = new PublishGate(10, 6_000, 60, 1_000);
    int allowed = 0;
    for (int i = 0; i < 500; i++) {
      if (g.admit("10.0.0." + i, id(i), 0) == PublishGate.Verdict.ALLOW) {
        allowed++;
      }
    }
    assertEquals(60, allowed, "500 addresses with a full bucket each, 60 publications in all");
    assertEquals(PublishGate.Verdict.GLOBAL_LIMIT, g.admit("10.9.9.9", id(1000), 500));
    assertEquals(PublishGate.Verdict.ALLOW, g.admit("10.9.9.9", id(1000), 1_000));
  }

  @Test
  void oneAddressHasItsOwnBucket() {
    PublishGate g = new PublishGate(10, 6_000, 60, 1_000);
    for (int i = 0; i < 10; i++) {
      assertEquals(PublishGate.Verdict.ALLOW, g.admit("a", id(i), 0));
    }
    assertEquals(PublishGate.Verdict.CLIENT_LIMIT, g.admit("a", id(10), 0));
    assertEquals(PublishGate.Verdict.ALLOW, g.admit("b", id(11), 0));
  }
}

package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.shared.nostr.NostrEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthEvidenceTest {

  private static NostrEvent ev(String pubkey, long at, int kind, List<List<String>> tags) {
    return new NostrEvent(Long.toHexString(at * 100_000 + kind), pubkey, at, kind, tags, "", "00");
  }

  @Test
  void sumsBeatsResultsAndErrorsPerDvmAndMinute() {
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    List<HealthEvidence.Row> rows = HealthEvidence.of(List.of(
        ev(a, 6_000_010, 11998, List.of(List.of("d", "x"), List.of("expiration", "1"))),
        ev(a, 6_000_050, 1999, List.of(List.of("a", "31999:" + a + ":x"))),
        ev(a, 6_000_059, 6300, List.of()),
        ev(a, 6_000_061, 7000, List.of(List.of("status", "error"))),
        ev(a, 6_000_062, 7000, List.of(List.of("status", "processing"))),
        ev(b, 6_000_000, 5300, List.of()),
        ev(b, 6_000_000, 31990, List.of())));
    assertEquals(List.of(
        new HealthEvidence.Row(a, new EvidenceMinute(6_000_000, 2, 1, 0, 6_000_050L)),
        new HealthEvidence.Row(a, new EvidenceMinute(6_000_060, 0, 0, 1, null))), rows);
  }
}

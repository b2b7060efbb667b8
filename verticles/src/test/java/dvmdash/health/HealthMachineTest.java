package dvmdash.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.store.EvidenceMinute;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HealthMachineTest {

  private static final HealthRules RULES = HealthRules.DEFAULTS;
  private final HealthMachine machine = new HealthMachine(RULES);

  /** Evidence minutes from beat times, result times and error times. */
  private static List<EvidenceMinute> evidence(List<Long> beats, List<Long> results, List<Long> errors) {
    TreeMap<Long, long[]> m = new TreeMap<>();
    for (long b : beats) {
      long[] s = m.computeIfAbsent(Math.floorDiv(b, 60) * 60, k -> new long[] {0, 0, 0, -1});
      s[0]++;
      s[3] = Math.max(s[3], b);
    }
    for (long r : results) {
      m.computeIfAbsent(Math.floorDiv(r, 60) * 60, k -> new long[] {0, 0, 0, -1})[1]++;
    }
    for (long e : errors) {
      m.computeIfAbsent(Math.floorDiv(e, 60) * 60, k -> new long[] {0, 0, 0, -1})[2]++;
    }
    List<EvidenceMinute> out = new ArrayList<>();
    m.forEach((k, s) -> out.add(new EvidenceMinute(k, (int) s[0], (int) s[1], (int) s[2], s[0] > 0 ? s[3] : null)));
    return out;
  }

  private static List<Long> beats(long from, long toExclusive) {
    List<Long> out = new ArrayList<>();
    for (long t = from; t < toExclusive; t += 300) {
      out.add(t);
    }
    return out;
  }

  @Test
  void heartbeatsThatStopAndResumeGiveUpDownUpAfterThePendingPeriod() {
    long s = 6_000_000 + 13;
    List<Long> b = new ArrayList<>(beats(s, s + 3_600));
    long last = b.get(b.size() - 1);
    long resume = s + 3 * 3_600 + 7;
    b.addAll(beats(resume, resume + 3_600));
    HealthMachine.Outcome o = machine.run(HealthMachine.Snapshot.INITIAL, evidence(b, List.of(), List.of()),
        s, 6_000_000, s + 4 * 3_600);
    long upAt = (s / 60 + 1) * 60 + 300;
    long downAt = ((last + 900) / 60 + 1) * 60 + 300;
    long upAgain = (resume / 60 + 1) * 60 + 300;
    assertEquals(List.of(
        new HealthMachine.Change(upAt, HealthState.SILENT, HealthState.UP, "heartbeat at " + s),
        new HealthMachine.Change(downAt, HealthState.UP, HealthState.DOWN,
            "no heartbeat for more than 900 s and no result"),
        new HealthMachine.Change(upAgain, HealthState.DOWN, HealthState.UP, "heartbeat at " + resume)),
        o.changes());
  }

  @Test
  void aBlipShorterThanThePendingPeriodChangesNothing() {
    long s = 6_000_000;
    List<Long> b = new ArrayList<>(beats(s, s + 3_600));
    // a gap of 1,140 s: raw down for 240 s only
    long resume = b.get(b.size() - 1) + 1_140;
    b.addAll(beats(resume, resume + 3_600));
    HealthMachine.Outcome o = machine.run(HealthMachine.Snapshot.INITIAL, evidence(b, List.of(), List.of()),
        s, s, s + 7_200);
    assertEquals(1, o.changes().size());
    assertEquals(HealthState.UP, o.snapshot().state());
    assertNull(o.snapshot().pendingState());
  }

  @Test
  void minimumHoldDelaysFlippingBack() {
    long s = 6_000_000;
    HealthMachine.Snapshot justDown = HealthMachine.Snapshot.changed(HealthState.DOWN, s);
    // a result right after going down: raw up from s + 60, fires only once 600 s passed since the change
    HealthMachine.Outcome o = machine.run(justDown, evidence(List.of(), List.of(s + 10), List.of()), s - 3_600,
        s + 60, s + 1_200);
    assertEquals(s + 600, o.changes().get(0).at());
    assertEquals(HealthState.UP, o.changes().get(0).state());
  }

  @Test
  void resultsWithoutHeartbeatsNeverClaimDownAndErrorsDegrade() {
    long s = 6_000_000;
    HealthMachine.Outcome o = machine.run(HealthMachine.Snapshot.INITIAL,
        evidence(List.of(), List.of(s + 5), List.of(s + 1_800, s + 1_810, s + 1_820)), null, s, s + 7_200);
    List<HealthState> states = o.changes().stream().map(HealthMachine.Change::state).toList();
    assertEquals(List.of(HealthState.UP, HealthState.SILENT, HealthState.DEGRADED, HealthState.SILENT), states);
    assertEquals("3 error feedback and 0 results in 15 min", o.changes().get(2).cause());
  }

  @Test
  void runningInPiecesGivesTheSameChangesAsOneRun() {
    long s = 6_000_000 + 31;
    List<Long> b = new ArrayList<>(beats(s, s + 3_600));
    b.addAll(beats(s + 9_000, s + 12_000));
    List<EvidenceMinute> ev = evidence(b, List.of(s + 5_000), List.of());
    long end = s + 14_400;
    long from = 6_000_000;
    HealthMachine.Outcome whole = machine.run(HealthMachine.Snapshot.INITIAL, ev, s, from, end);
    HealthMachine.Snapshot snap = HealthMachine.Snapshot.INITIAL;
    List<HealthMachine.Change> pieces = new ArrayList<>();
    for (long t = from; t <= end; t += 420) {
      long to = Math.min(end, t + 360);
      HealthMachine.Outcome o = machine.run(snap, ev, s, t, to);
      pieces.addAll(o.changes());
      snap = o.snapshot();
    }
    assertEquals(whole.changes(), pieces);
  }

  @Test
  void probesDecideWithoutOtherEvidenceAndUnansweredOnesDegradeABeatingDvm() {
    long s = 6_000_000;
    List<HealthMachine.ProbeOutcome> ok = List.of(new HealthMachine.ProbeOutcome(s + 2, true));
    HealthMachine.Outcome up = machine.run(HealthMachine.Snapshot.INITIAL, List.of(), ok, null, s, s + 600);
    assertEquals(List.of(new HealthMachine.Change(s + 60 + 300, HealthState.SILENT, HealthState.UP,
        "pong at " + (s + 2))), up.changes());
    List<HealthMachine.ProbeOutcome> failed = List.of(new HealthMachine.ProbeOutcome(s + 2, true),
        new HealthMachine.ProbeOutcome(s + 600, false));
    HealthMachine.Outcome down = machine.run(HealthMachine.Snapshot.INITIAL, List.of(), failed, null, s, s + 1_800);
    assertEquals(HealthState.DOWN, down.changes().get(1).state());
    assertEquals(s + 660 + 300, down.changes().get(1).at());
    assertEquals("ping unanswered, timed out at " + (s + 600), down.changes().get(1).cause());
    // unanswered pings (three within 15 min for over 300 s) while heartbeats are fresh: degraded, not down
    List<Long> b = beats(s - 600, s + 3_600);
    List<HealthMachine.ProbeOutcome> three = List.of(new HealthMachine.ProbeOutcome(s + 100, false),
        new HealthMachine.ProbeOutcome(s + 400, false), new HealthMachine.ProbeOutcome(s + 700, false),
        new HealthMachine.ProbeOutcome(s + 1_000, false));
    HealthMachine.Outcome degraded = machine.run(HealthMachine.Snapshot.changed(HealthState.UP, s - 3_600),
        evidence(b, List.of(), List.of()), three, s - 600, s, s + 1_500);
    assertEquals(List.of(new HealthMachine.Change(s + 720 + 300, HealthState.UP, HealthState.DEGRADED,
        "3 unanswered pings in 15 min")), degraded.changes());
  }
}

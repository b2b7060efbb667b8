package dvmdash.health;

import dvmdash.store.EvidenceMinute;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a DVM's state from its evidence, at each grid point {@code t} (a multiple of the step), with hysteresis.
 * Pure and deterministic: the same evidence and snapshot give the same changes at the same times, whenever it runs.
 *
 * <p>Raw state at {@code t}, from the evidence before {@code t}: degraded when the errors of
 * {@code [t − window, t)} are at least {@code degradedMinErrors} and at least the results of that window; else up
 * when the latest heartbeat before {@code t} is at most {@code ttl} old or a result lies in that window; else down
 * when a heartbeat was ever seen before {@code t}; else silent. The state follows the raw state once it has held
 * at every grid point for {@code pending} seconds and {@code minHold} seconds have passed since the previous change.
 */
public final class HealthMachine {

  /** Everything the decision carries from one grid point to the next. */
  public record Snapshot(HealthState state, Long lastChangeAt, HealthState pendingState, Long pendingSince,
                         String pendingCause) {

    public static final Snapshot INITIAL = new Snapshot(HealthState.SILENT, null, null, null, null);

    /** Right after a change at {@code at}: nothing pending. */
    public static Snapshot changed(HealthState state, long at) {
      return new Snapshot(state, at, null, null, null);
    }
  }

  /** A state change that fired at {@code at}. */
  public record Change(long at, HealthState previous, HealthState state, String cause) {
  }

  /** The outcome of one probe, known at {@code at}: the pong's time when answered in time, else sent + timeout. */
  public record ProbeOutcome(long at, boolean ok) {
  }

  /** The snapshot after the last evaluated grid point and the changes on the way. */
  public record Outcome(Snapshot snapshot, List<Change> changes) {
  }

  private final HealthRules rules;

  public HealthMachine(HealthRules rules) {
    this.rules = rules;
  }

  /**
   * Evaluates the grid points {@code from}, {@code from + step}, …, {@code to} (multiples of the step).
   *
   * @param evidence  minutes ascending, covering at least {@code [from − lookback, to)}
   * @param firstBeat the DVM's earliest heartbeat (null when none yet)
   */
  public Outcome run(Snapshot start, List<EvidenceMinute> evidence, Long firstBeat, long from, long to) {
    return run(start, evidence, List.of(), firstBeat, from, to);
  }

  /**
   * As above, with probe outcomes (ascending by {@code at}, covering the same range): the latest outcome known
   * before {@code t} and at most {@code window} old makes the DVM up (answered) or, without a fresh heartbeat or a
   * result, down (unanswered); with a fresh heartbeat or results, unanswered probes reaching
   * {@code degradedMinErrors} in the window make it degraded.
   */
  public Outcome run(Snapshot start, List<EvidenceMinute> evidence, List<ProbeOutcome> probes, Long firstBeat,
                     long from, long to) {
    long step = rules.stepSeconds();
    Snapshot s = start;
    List<Change> changes = new ArrayList<>();
    int lo = 0;
    int plo = 0;
    for (long t = from; t <= to; t += step) {
      while (plo < probes.size() && probes.get(plo).at() < t - rules.windowSeconds()) {
        plo++;
      }
      while (lo < evidence.size() && evidence.get(lo).minute() < t - rules.lookbackSeconds()) {
        lo++;
      }
      Raw raw = raw(evidence, lo, probes, plo, firstBeat, t);
      if (raw.state() == s.state()) {
        s = new Snapshot(s.state(), s.lastChangeAt(), null, null, null);
        continue;
      }
      if (raw.state() != s.pendingState()) {
        s = new Snapshot(s.state(), s.lastChangeAt(), raw.state(), t, raw.cause());
      }
      boolean held = t - s.pendingSince() >= rules.pendingSeconds();
      boolean hold = s.lastChangeAt() == null || t - s.lastChangeAt() >= rules.minHoldSeconds();
      if (held && hold) {
        changes.add(new Change(t, s.state(), raw.state(), s.pendingCause()));
        s = Snapshot.changed(raw.state(), t);
      }
    }
    return new Outcome(s, changes);
  }

  private record Raw(HealthState state, String cause) {
  }

  private Raw raw(List<EvidenceMinute> evidence, int lo, List<ProbeOutcome> probes, int plo, Long firstBeat,
                  long t) {
    ProbeOutcome lastProbe = null;
    int failedProbes = 0;
    for (int i = plo; i < probes.size() && probes.get(i).at() < t; i++) {
      lastProbe = probes.get(i);
      failedProbes += lastProbe.ok() ? 0 : 1;
    }
    Long lastBeat = null;
    long lastResultMinute = -1;
    int results = 0;
    int errors = 0;
    for (int i = lo; i < evidence.size(); i++) {
      EvidenceMinute m = evidence.get(i);
      if (m.minute() >= t) {
        break;
      }
      if (m.lastBeat() != null && m.beats() > 0) {
        lastBeat = lastBeat == null ? m.lastBeat() : Math.max(lastBeat, m.lastBeat());
      }
      if (m.minute() >= t - rules.windowSeconds()) {
        results += m.results();
        errors += m.errors();
        if (m.results() > 0) {
          lastResultMinute = m.minute();
        }
      }
    }
    if (errors >= rules.degradedMinErrors() && errors >= results) {
      return new Raw(HealthState.DEGRADED, errors + " error feedback and " + results + " results in "
          + rules.windowSeconds() / 60 + " min");
    }
    boolean freshBeat = lastBeat != null && t - lastBeat <= rules.heartbeatTtlSeconds();
    if ((freshBeat || results > 0) && failedProbes >= rules.degradedMinErrors()) {
      return new Raw(HealthState.DEGRADED, failedProbes + " unanswered pings in " + rules.windowSeconds() / 60
          + " min");
    }
    if (freshBeat) {
      return new Raw(HealthState.UP, "heartbeat at " + lastBeat);
    }
    if (results > 0) {
      return new Raw(HealthState.UP, "result in the minute from " + lastResultMinute);
    }
    if (lastProbe != null) {
      return lastProbe.ok() ? new Raw(HealthState.UP, "pong at " + lastProbe.at())
          : new Raw(HealthState.DOWN, "ping unanswered, timed out at " + lastProbe.at());
    }
    if (firstBeat != null && firstBeat < t) {
      return new Raw(HealthState.DOWN, "no heartbeat for more than " + rules.heartbeatTtlSeconds() + " s and no result");
    }
    return new Raw(HealthState.SILENT, "no evidence");
  }
}

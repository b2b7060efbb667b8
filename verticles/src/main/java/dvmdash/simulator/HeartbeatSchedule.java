package dvmdash.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The scripted heartbeat schedule of one simulated DVM (ground truth for DVM health): it beats every
 * {@code interval} seconds from each period's start while the period lasts ({@code end} exclusive,
 * {@link #OPEN} = still beating, live in {@code --demo}). Beat times are {@code start + k * interval}.
 *
 * @param kind    11998 (nostrdvm heartbeat, {@code d} tag) or 1999 (NIP-90 rewrite, {@code a} tag)
 * @param address the {@code d} value (11998) or the {@code a} coordinate {@code 31999:<pubkey>:<d>} (1999)
 */
public record HeartbeatSchedule(String pubkey, String name, int kind, String address, long interval,
                                List<Period> periods) {

  public static final long OPEN = Long.MAX_VALUE;

  /** {@code [start, end)}. */
  public record Period(long start, long end) {
  }

  public HeartbeatSchedule {
    periods = List.copyOf(periods);
  }

  /** Every beat time up to and including {@code until}, ascending. */
  public List<Long> beatTimes(long until) {
    List<Long> out = new ArrayList<>();
    for (Period p : periods) {
      for (long t = p.start(); t < p.end() && t <= until; t += interval) {
        out.add(t);
      }
    }
    return out;
  }

  /** True when the schedule still beats after {@code t} (its last period is open). */
  public boolean beatsAfter(long t) {
    return !periods.isEmpty() && periods.get(periods.size() - 1).end() > t;
  }
}

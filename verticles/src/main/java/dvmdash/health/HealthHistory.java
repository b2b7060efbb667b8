package dvmdash.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Uptime and outages from a DVM's stored state changes (pure). A state holds from its change to the next one; the
 * history ends at {@code end} (the last evaluated grid point).
 */
public final class HealthHistory {

  /** One stored state change. */
  public record Stored(long at, HealthState state, String cause) {
  }

  /** A period in state down: {@code end} null while it lasts. */
  public record Outage(long start, Long end, String cause) {
  }

  private HealthHistory() {
  }

  /**
   * Share of the known (not silent) time of {@code [end − window, end)} spent up or degraded; null when no time of
   * the window is known.
   *
   * @param changes ascending; those before the window decide the state at its start (silent before the first)
   */
  public static Double uptime(List<Stored> changes, long end, long window) {
    long start = end - window;
    HealthState state = HealthState.SILENT;
    long from = start;
    long available = 0;
    long known = 0;
    for (Stored c : changes) {
      if (c.at() <= start) {
        state = c.state();
        continue;
      }
      if (c.at() >= end) {
        break;
      }
      long span = c.at() - from;
      if (state != HealthState.SILENT) {
        known += span;
        available += state.available() ? span : 0;
      }
      state = c.state();
      from = c.at();
    }
    long span = end - from;
    if (state != HealthState.SILENT && span > 0) {
      known += span;
      available += state.available() ? span : 0;
    }
    return known == 0 ? null : (double) available / known;
  }

  /** Periods in state down that overlap {@code [since, ∞)}, newest first. */
  public static List<Outage> outages(List<Stored> changes, long since) {
    List<Outage> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Stored c = changes.get(i);
      if (c.state() != HealthState.DOWN) {
        continue;
      }
      Long end = i + 1 < changes.size() ? changes.get(i + 1).at() : null;
      if (end == null || end > since) {
        out.add(0, new Outage(c.at(), end, c.cause()));
      }
    }
    return out;
  }
}

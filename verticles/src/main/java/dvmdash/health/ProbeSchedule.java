package dvmdash.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which watched DVMs to ping now (pure, not thread-safe): each at most once per {@code intervalSeconds}, its first
 * ping delayed by up to {@code jitterSeconds} by its pubkey (so 1,000 DVMs do not all fall due together), the most overdue
 * first, and never more than {@code maxPerMinute} pings in one clock minute in total. Every ping goes to each
 * configured relay, so that cap is also the rate per relay.
 */
public final class ProbeSchedule {

  private final long intervalSeconds;
  private final int maxPerMinute;
  private final long jitterSeconds;
  private final Map<String, Long> nextDue = new HashMap<>();
  private long minute = Long.MIN_VALUE;
  private int sentThisMinute;

  public ProbeSchedule(long intervalSeconds, int maxPerMinute, long jitterSeconds) {
    if (intervalSeconds < 60 || maxPerMinute < 1 || jitterSeconds < 1) {
      throw new IllegalArgumentException("probe interval >= 60 s, max per minute >= 1, jitter >= 1 s");
    }
    this.intervalSeconds = intervalSeconds;
    this.maxPerMinute = maxPerMinute;
    this.jitterSeconds = jitterSeconds;
  }

  /** The DVMs to ping at {@code now}, counted as sent; DVMs no longer watched are forgotten. */
  public List<String> due(List<String> watched, long now) {
    nextDue.keySet().retainAll(new java.util.HashSet<>(watched));
    for (String dvm : watched) {
      nextDue.computeIfAbsent(dvm, d -> now + Math.floorMod(d.hashCode(), jitterSeconds));
    }
    long m = Math.floorDiv(now, 60);
    if (m != minute) {
      minute = m;
      sentThisMinute = 0;
    }
    List<Map.Entry<String, Long>> ready = new ArrayList<>();
    for (Map.Entry<String, Long> e : nextDue.entrySet()) {
      if (e.getValue() <= now) {
        ready.add(e);
      }
    }
    ready.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : ready) {
      if (sentThisMinute >= maxPerMinute) {
        break;
      }
      out.add(e.getKey());
      sentThisMinute++;
    }
    for (String dvm : out) {
      nextDue.put(dvm, now + intervalSeconds);
    }
    return out;
  }
}

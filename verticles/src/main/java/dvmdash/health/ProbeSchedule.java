package dvmdash.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which watched DVMs to ping now (pure, not thread-safe): each at most once per {@code intervalSeconds}, its first
 * ping delayed by up to {@code jitterSeconds} by its pubkey (so 1,000 DVMs do not all fall due together), the most
 * overdue first, never more than {@code maxPerMinute} pings in one clock minute in total, and never more than
 * {@code maxPerRelayPerMinute} to any one relay: a ping counts once for each relay it is written to (its announced
 * relays, else every configured one; {@link ProbeRelays}), and a due DVM whose relays are used up this minute waits
 * for the next one, ahead of the DVMs that fall due later.
 */
public final class ProbeSchedule {

  private final long intervalSeconds;
  private final int maxPerMinute;
  private final long jitterSeconds;
  private final int maxPerRelayPerMinute;
  private final Map<String, Long> nextDue = new HashMap<>();
  private final Map<String, Integer> perRelay = new HashMap<>();
  private long minute = Long.MIN_VALUE;
  private int sentThisMinute;

  /** Without a bound per relay beyond the total. */
  public ProbeSchedule(long intervalSeconds, int maxPerMinute, long jitterSeconds) {
    this(intervalSeconds, maxPerMinute, jitterSeconds, maxPerMinute);
  }

  public ProbeSchedule(long intervalSeconds, int maxPerMinute, long jitterSeconds, int maxPerRelayPerMinute) {
    if (intervalSeconds < 60 || maxPerMinute < 1 || jitterSeconds < 1 || maxPerRelayPerMinute < 1) {
      throw new IllegalArgumentException(
          "probe interval >= 60 s, max per minute >= 1, jitter >= 1 s, max per relay per minute >= 1");
    }
    this.intervalSeconds = intervalSeconds;
    this.maxPerMinute = maxPerMinute;
    this.jitterSeconds = jitterSeconds;
    this.maxPerRelayPerMinute = maxPerRelayPerMinute;
  }

  /** The DVMs to ping at {@code now}, counted as sent; DVMs no longer watched are forgotten. */
  public List<String> due(List<String> watched, long now) {
    return due(watched, dvm -> List.of(), now);
  }

  /**
   * The DVMs to ping at {@code now}, counted as sent, each ping also counted on every relay of {@code relaysOf};
   * DVMs no longer watched are forgotten.
   */
  public List<String> due(List<String> watched, Function<String, List<String>> relaysOf, long now) {
    nextDue.keySet().retainAll(new HashSet<>(watched));
    for (String dvm : watched) {
      nextDue.computeIfAbsent(dvm, d -> now + Math.floorMod(d.hashCode(), jitterSeconds));
    }
    long m = Math.floorDiv(now, 60);
    if (m != minute) {
      minute = m;
      sentThisMinute = 0;
      perRelay.clear();
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
      List<String> relays = relaysOf.apply(e.getKey());
      if (!roomOn(relays)) {
        continue;
      }
      for (String r : relays) {
        perRelay.merge(r, 1, Integer::sum);
      }
      out.add(e.getKey());
      sentThisMinute++;
    }
    for (String dvm : out) {
      nextDue.put(dvm, now + intervalSeconds);
    }
    return out;
  }

  private boolean roomOn(List<String> relays) {
    for (String r : relays) {
      if (perRelay.getOrDefault(r, 0) >= maxPerRelayPerMinute) {
        return false;
      }
    }
    return true;
  }
}

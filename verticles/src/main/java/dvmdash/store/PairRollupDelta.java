package dvmdash.store;

import dvmdash.store.Tiers.Tier;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a batch changes in the job-pair rollups, as {@code contribution(after) − contribution(before)} of every pair it
 * touched. A pair contributes to its pair-time bucket (per hour, per day, and the all-time total, keyed by pair kind
 * — 0 when it has none — and DVM): 1 pair, its sats (when it has a result), its response time when defined (count,
 * sum and one count at that whole-second value; or one clock-skew anomaly when negative), and for
 * hours and days its customer; whether it was taken (answered) and delivered (has a result). Pair time, kind, results,
 * feedback, first result and amount may all change in a batch; the delta moves the pair
 * between buckets exactly. Zero deltas are left out. Pure: no I/O.
 */
public final class PairRollupDelta {

  /** Where a contribution goes: an hour or day bucket (minute = its first minute), or the total (minute 0). */
  public enum Level {
    HOUR, DAY, TOTAL;

    long bucket(long pairTime) {
      long minute = Math.floorDiv(pairTime, 60);
      return switch (this) {
        case HOUR -> Tier.HOUR.bucket(minute);
        case DAY -> Tier.DAY.bucket(minute);
        case TOTAL -> 0;
      };
    }
  }

  /** The job_pairs columns a contribution depends on. */
  public record PairRow(String requestId, String dvm, Integer kind, String customer, Long requestAt,
                        Long firstResultAt, int results, int feedback, Long amountMsat, Long pairTime) {

    String key() {
      return requestId + "\u0000" + dvm;
    }

    long sats() {
      return results > 0 && amountMsat != null ? amountMsat / 1000 : 0;
    }

    /** The DVM answered the request at least once (a result or a feedback): the job was taken. */
    boolean taken() {
      return results > 0 || feedback > 0;
    }

    /** Response time in seconds, or null when undefined (request unseen or no result). */
    Long responseTime() {
      return requestAt == null || firstResultAt == null ? null : firstResultAt - requestAt;
    }
  }

  public record Key(Level level, long minute, int kind, String dvm) {
  }

  /** A response-time histogram cell, per pair kind (0 = none) and DVM: percentiles per DVM, per kind and both. */
  public record TimeKey(Level level, long minute, int kind, String dvm, long seconds) {
  }

  public record CustomerKey(Level level, long minute, int kind, String dvm, String customer) {
  }

  /**
   * Additive figures of one bucket. rtN / rtSum: pairs with a non-negative response time and its sum; taken: pairs
   * the DVM answered (result or feedback); delivered: pairs with a result.
   */
  public static final class Sums {
    public long pairs;
    public long sats;
    public long rtN;
    public long rtSum;
    public long skew;
    public long taken;
    public long delivered;

    boolean isZero() {
      return pairs == 0 && sats == 0 && rtN == 0 && rtSum == 0 && skew == 0 && taken == 0 && delivered == 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sums s && s.pairs == pairs && s.sats == sats && s.rtN == rtN && s.rtSum == rtSum
          && s.skew == skew && s.taken == taken && s.delivered == delivered;
    }

    @Override
    public int hashCode() {
      return Objects.hash(pairs, sats, rtN, rtSum, skew, taken, delivered);
    }

    @Override
    public String toString() {
      return "Sums[pairs=" + pairs + ", sats=" + sats + ", rtN=" + rtN + ", rtSum=" + rtSum + ", skew=" + skew
          + ", taken=" + taken + ", delivered=" + delivered + "]";
    }
  }

  public final Map<Key, Sums> sums = new LinkedHashMap<>();
  public final Map<TimeKey, Long> responseTimes = new LinkedHashMap<>();
  public final Map<CustomerKey, Long> customers = new LinkedHashMap<>();

  private PairRollupDelta() {
  }

  /** The delta from the touched pairs as read before the batch's writes to as read after them. */
  public static PairRollupDelta between(Collection<PairRow> before, Collection<PairRow> after) {
    PairRollupDelta d = new PairRollupDelta();
    Map<String, PairRow> old = new HashMap<>();
    for (PairRow r : before) {
      old.put(r.key(), r);
    }
    for (PairRow r : after) {
      PairRow o = old.remove(r.key());
      if (!r.equals(o)) {
        if (o != null) {
          d.add(o, -1);
        }
        d.add(r, 1);
      }
    }
    for (PairRow gone : old.values()) {
      d.add(gone, -1);
    }
    d.sums.values().removeIf(Sums::isZero);
    d.responseTimes.values().removeIf(n -> n == 0);
    d.customers.values().removeIf(n -> n == 0);
    return d;
  }

  public boolean isEmpty() {
    return sums.isEmpty() && responseTimes.isEmpty() && customers.isEmpty();
  }

  private void add(PairRow r, int sign) {
    if (r.pairTime() == null) {
      return;
    }
    int kind = r.kind() == null ? 0 : r.kind();
    Long rt = r.responseTime();
    for (Level level : Level.values()) {
      long minute = level.bucket(r.pairTime());
      Sums s = sums.computeIfAbsent(new Key(level, minute, kind, r.dvm()), k -> new Sums());
      s.pairs += sign;
      s.sats += sign * r.sats();
      s.taken += r.taken() ? sign : 0;
      s.delivered += r.results() > 0 ? sign : 0;
      if (rt != null && rt >= 0) {
        s.rtN += sign;
        s.rtSum += sign * rt;
        responseTimes.merge(new TimeKey(level, minute, kind, r.dvm(), rt), (long) sign, Long::sum);
      } else if (rt != null) {
        s.skew += sign;
      }
      if (level != Level.TOTAL && r.customer() != null) {
        customers.merge(new CustomerKey(level, minute, kind, r.dvm(), r.customer()), (long) sign, Long::sum);
      }
    }
  }
}

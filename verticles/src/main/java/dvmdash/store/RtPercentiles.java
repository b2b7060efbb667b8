package dvmdash.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nearest-rank p50 and p95 of response times (docs/metrics.md) per DVM or per kind, from histogram cells (n pairs of
 * a kind, 0 = none, and a DVM answered in rt whole seconds): per key, the smallest value whose cumulative count reaches
 * p % of the key's count. The same figure as {@link StatsRepository#percentiles}, computed from cells that readers
 * keep ({@link DayHistograms}) plus those of the window's edges. Pure.
 */
final class RtPercentiles {

  /** What the figure is grouped by. */
  enum Key {
    DVM, KIND, NONE
  }

  /**
   * Which cells count and how they are grouped: {@code kind} or {@code dvm} (null: any) narrow the cells, and
   * {@code namedKindsOnly} leaves out pairs without a known request kind (kind 0).
   */
  record Spec(Key key, Integer kind, String dvm, boolean namedKindsOnly) {

    static Spec perDvm() {
      return new Spec(Key.DVM, null, null, false);
    }

    static Spec perKind() {
      return new Spec(Key.KIND, null, null, false);
    }

    /** One group of every cell of {@code kind} and {@code dvm} (null: any), as a time series' bucket is. */
    static Spec together(Integer kind, String dvm) {
      return new Spec(Key.NONE, kind, dvm, false);
    }

    /** One DVM over every kind. */
    static Spec oneDvm(String dvm) {
      return new Spec(Key.DVM, null, dvm, false);
    }

    /** The DVMs serving one kind. */
    static Spec dvmsOfKind(int kind) {
      return new Spec(Key.DVM, kind, null, false);
    }

    /** One DVM's kinds (kind 0 left out). */
    static Spec kindsOfDvm(String dvm) {
      return new Spec(Key.KIND, null, dvm, true);
    }

    boolean counts(int cellKind, String cellDvm) {
      return (kind == null || kind == cellKind) && (dvm == null || dvm.equals(cellDvm))
          && (!namedKindsOnly || cellKind != 0);
    }
  }

  /** p50 and p95 of one key. */
  record Pair(long p50, long p95) {
  }

  private final Spec spec;
  private final Map<Object, Map<Long, Long>> counts = new HashMap<>();

  RtPercentiles(Spec spec) {
    this.spec = spec;
  }

  /** Adds n pairs of the cell (cells outside the spec and n ≤ 0 are ignored, as the tiers' {@code n > 0}). */
  void add(int kind, String dvm, long rt, long n) {
    if (n <= 0 || !spec.counts(kind, dvm)) {
      return;
    }
    Object key = switch (spec.key()) {
      case DVM -> dvm;
      case KIND -> kind;
      case NONE -> "";
    };
    counts.computeIfAbsent(key, k -> new HashMap<>()).merge(rt, n, Long::sum);
  }

  /** Per key with at least one pair: its nearest-rank p50 and p95. */
  Map<Object, Pair> compute() {
    Map<Object, Pair> out = new LinkedHashMap<>();
    counts.forEach((key, histogram) -> {
      long[] values = new long[histogram.size()];
      int i = 0;
      long total = 0;
      for (Map.Entry<Long, Long> e : histogram.entrySet()) {
        values[i++] = e.getKey();
        total += e.getValue();
      }
      Arrays.sort(values);
      out.put(key, new Pair(rank(values, histogram, total, 50), rank(values, histogram, total, 95)));
    });
    return out;
  }

  /** The smallest value whose cumulative count reaches p % of the total: cum · 100 ≥ p · total. */
  private static long rank(long[] sorted, Map<Long, Long> histogram, long total, int p) {
    long cum = 0;
    for (long v : sorted) {
      cum += histogram.get(v);
      if (cum * 100 >= p * total) {
        return v;
      }
    }
    throw new IllegalStateException("empty histogram");
  }
}

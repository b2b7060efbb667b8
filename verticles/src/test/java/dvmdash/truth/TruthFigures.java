package dvmdash.truth;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Aggregates shared by the figure families: success rate, the best entry, mean and nearest-rank percentiles. */
final class TruthFigures {

  private TruthFigures() {}

  /** delivered ÷ taken over the pairs (null when none was taken). */
  static Double successRate(List<TruthPair> pairs) {
    long taken = 0;
    long delivered = 0;
    for (TruthPair p : pairs) {
      if (!p.results.isEmpty() || !p.feedback.isEmpty()) {
        taken++;
      }
      if (!p.results.isEmpty()) {
        delivered++;
      }
    }
    return taken == 0 ? null : (double) delivered / taken;
  }

  /** Greatest positive value; ties to the smallest key (the map is sorted). */
  static <K> Map.Entry<K, Long> best(Map<K, Long> sorted) {
    Map.Entry<K, Long> best = null;
    for (Map.Entry<K, Long> e : sorted.entrySet()) {
      if (e.getValue() > 0 && (best == null || e.getValue() > best.getValue())) {
        best = e;
      }
    }
    return best;
  }

  static Double avg(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return (double) sum / values.size();
  }

  static List<Long> sorted(List<Long> values) {
    List<Long> copy = new ArrayList<>(values == null ? List.of() : values);
    Collections.sort(copy);
    return copy;
  }

  /** Value at 1-based position ceil(p/100 · n) of the sorted list; null when empty. */
  static Long nearestRank(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    int pos = (percent * n + 99) / 100;
    return sorted.get(Math.max(1, pos) - 1);
  }
}

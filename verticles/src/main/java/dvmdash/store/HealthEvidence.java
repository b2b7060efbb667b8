package dvmdash.store;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The health evidence of a batch's new events, summed per DVM and minute (pure). */
public final class HealthEvidence {

  /** nostrdvm heartbeat. */
  public static final int HEARTBEAT = 11998;
  /** Heartbeat of the NIP-90 rewrite. */
  public static final int HEARTBEAT_1999 = 1999;

  /** One (DVM, minute) delta. */
  public record Row(String dvm, EvidenceMinute evidence) {
  }

  private HealthEvidence() {
  }

  public static boolean isHeartbeat(int kind) {
    return kind == HEARTBEAT || kind == HEARTBEAT_1999;
  }

  /** Rows for heartbeats, results and error feedback among {@code events} (each counted once: distinct ids). */
  public static List<Row> of(Collection<NostrEvent> events) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (NostrEvent e : events) {
      int k = e.kind();
      boolean beat = isHeartbeat(k);
      boolean result = k >= 6000 && k <= 6999;
      boolean error = k == 7000 && "error".equals(Classifier.feedbackStatus(e));
      if (!beat && !result && !error) {
        continue;
      }
      long minute = Math.floorDiv(e.createdAt(), 60) * 60;
      long[] s = sums.computeIfAbsent(e.pubkey() + "\u0000" + minute, x -> new long[] {minute, 0, 0, 0, -1});
      if (beat) {
        s[1]++;
        s[4] = Math.max(s[4], e.createdAt());
      } else if (result) {
        s[2]++;
      } else {
        s[3]++;
      }
    }
    List<Row> out = new ArrayList<>(sums.size());
    for (Map.Entry<String, long[]> en : sums.entrySet()) {
      long[] s = en.getValue();
      String dvm = en.getKey().substring(0, en.getKey().indexOf('\u0000'));
      out.add(new Row(dvm, new EvidenceMinute(s[0], (int) s[1], (int) s[2], (int) s[3], s[1] > 0 ? s[4] : null)));
    }
    return out;
  }
}

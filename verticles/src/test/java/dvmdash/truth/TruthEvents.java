package dvmdash.truth;


import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The oracle's input, classified: the valid events de-duplicated by id without the excluded kinds, split by class,
 * the (request, DVM) job pairs, and the windows of the ranges relative to {@code now} (unix seconds).
 */
final class TruthEvents {

  static final Set<Integer> EXCLUDED_KINDS = Set.of(5666, 6666, 5969, 6969);

  final long now;
  final List<NostrEvent> requests = new ArrayList<>();
  final List<NostrEvent> results = new ArrayList<>();
  final List<NostrEvent> feedback = new ArrayList<>();
  final List<NostrEvent> zaps = new ArrayList<>();
  final List<NostrEvent> announcements = new ArrayList<>();
  final List<NostrEvent> profiles = new ArrayList<>();
  final Map<String, NostrEvent> requestById = new HashMap<>();
  final Map<String, TruthPair> pairs = new LinkedHashMap<>();
  final Set<String> dvmPubkeys = new TreeSet<>();
  final TruthProfiles identities = new TruthProfiles(announcements, profiles);

  TruthEvents(List<NostrEvent> events, long now) {
    this.now = now;
    Set<String> seen = new HashSet<>();
    for (NostrEvent e : events) {
      if (!seen.add(e.id()) || EXCLUDED_KINDS.contains(e.kind())) {
        continue;
      }
      int k = e.kind();
      if (k >= 5000 && k <= 5999) {
        requests.add(e);
        requestById.put(e.id(), e);
      } else if (k >= 6000 && k <= 6999) {
        results.add(e);
        dvmPubkeys.add(e.pubkey());
      } else if (k == 7000) {
        feedback.add(e);
        dvmPubkeys.add(e.pubkey());
      } else if (k == 9735) {
        zaps.add(e);
      } else if (k == 31990 || k == 31999 || k == 11316 || k == 11999) {
        announcements.add(e);
      } else if (k == 0) {
        profiles.add(e);
      }
    }
    for (NostrEvent r : requests) {
      for (String p : r.tagValues("p")) {
        pair(r.id(), p);
      }
    }
    for (NostrEvent e : results) {
      String ref = e.tagValue("e");
      if (ref != null) {
        pair(ref, e.pubkey()).results.add(e);
      }
    }
    for (NostrEvent e : feedback) {
      String ref = e.tagValue("e");
      if (ref != null) {
        pair(ref, e.pubkey()).feedback.add(e);
      }
    }
  }

  // ---------------------------------------------------------------- windows

  static long bucketSeconds(String range) {
    return switch (range) {
      case "1h" -> 300;
      case "24h" -> 3_600;
      case "7d" -> 21_600;
      case "30d", "all" -> 86_400;
      default -> throw new IllegalArgumentException("unknown range " + range);
    };
  }

  /** floor(now/60)*60 − W, or null for {@code all}. */
  Long windowStart(String range) {
    long w = switch (range) {
      case "1h" -> 3_600;
      case "24h" -> 86_400;
      case "7d" -> 7 * 86_400;
      case "30d" -> 30 * 86_400;
      case "all" -> -1;
      default -> throw new IllegalArgumentException("unknown range " + range);
    };
    return w < 0 ? null : Math.floorDiv(now, 60) * 60 - w;
  }

  static boolean in(long t, Long ws) {
    return ws == null || t >= ws;
  }

  /** The kind of the seen request a feedback references, or null. */
  Integer feedbackKind(NostrEvent fb) {
    String ref = fb.tagValue("e");
    NostrEvent req = ref == null ? null : requestById.get(ref);
    return req == null ? null : req.kind();
  }

  // ---------------------------------------------------------------- job pairs

  private TruthPair pair(String requestId, String dvm) {
    return pairs.computeIfAbsent(requestId + "|" + dvm, k -> new TruthPair(requestById.get(requestId), dvm));
  }
}

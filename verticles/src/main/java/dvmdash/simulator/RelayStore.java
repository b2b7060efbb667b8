package dvmdash.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored events of one simulated relay, in arrival order. Deliberate duplicates (junk) stay stored twice;
 * {@link #containsId} lets the EVENT handler answer "duplicate:" for client re-sends. Not thread-safe: used from the
 * relay's event loop only.
 */
public final class RelayStore {

  private static final Comparator<RelayEntry> NEWEST_FIRST =
    Comparator.comparingLong(RelayEntry::createdAt).reversed();

  private final List<RelayEntry> entries = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  public void add(RelayEntry e) {
    entries.add(e);
    if (!e.id().isEmpty()) {
      ids.add(e.id());
    }
  }

  public boolean containsId(String id) {
    return ids.contains(id);
  }

  public int size() {
    return entries.size();
  }

  /** Stored entries matching any filter, each filter bounded by its own limit, newest first. */
  public List<RelayEntry> query(List<RelayFilter> filters) {
    Map<RelayEntry, Boolean> chosen = new IdentityHashMap<>();
    for (RelayFilter f : filters) {
      List<RelayEntry> matches = new ArrayList<>();
      for (RelayEntry e : entries) {
        if (f.matches(e)) {
          matches.add(e);
        }
      }
      matches.sort(NEWEST_FIRST);
      int n = f.limit() == null ? matches.size() : Math.min(f.limit(), matches.size());
      for (int i = 0; i < n; i++) {
        chosen.put(matches.get(i), Boolean.TRUE);
      }
    }
    List<RelayEntry> out = new ArrayList<>(chosen.size());
    for (RelayEntry e : entries) {
      if (chosen.containsKey(e)) {
        out.add(e);
      }
    }
    out.sort(NEWEST_FIRST);
    return out;
  }
}

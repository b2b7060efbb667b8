package dvmdash.simulator;

import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator published: valid events (distinct by id, excluded kinds kept apart) and junk by type. Grows
 * while live generation runs; every method is synchronized so tests may read it from any thread.
 */
public final class GroundTruth {

  /** Kinds DVMDash excludes by default (polls and other squatters). */
  public static final Set<Integer> EXCLUDED_KINDS = Set.of(5666, 6666, 5969, 6969);

  private final long now;
  private final Map<String, NostrEvent> valid = new LinkedHashMap<>();
  private final Map<String, NostrEvent> excluded = new LinkedHashMap<>();
  private final Map<JunkType, List<String>> junk = new EnumMap<>(JunkType.class);
  private final List<HeartbeatSchedule> heartbeats = new ArrayList<>();

  public GroundTruth(long now) {
    this.now = now;
    for (JunkType t : JunkType.values()) {
      junk.put(t, new ArrayList<>());
    }
  }

  /** The simulation's reference time (unix seconds) that history was generated against. */
  public long now() {
    return now;
  }

  /** Records a published, correctly signed event; excluded kinds go to their own list; repeats are ignored. */
  public synchronized void add(NostrEvent e) {
    if (EXCLUDED_KINDS.contains(e.kind())) {
      excluded.putIfAbsent(e.id(), e);
    } else {
      valid.putIfAbsent(e.id(), e);
    }
  }

  /** Records the scripted heartbeat schedule of a heartbeat-only DVM. */
  public synchronized void addHeartbeatSchedule(HeartbeatSchedule h) {
    heartbeats.add(h);
  }

  /** The scripted heartbeat schedules (DVM health ground truth), in beacon order. */
  public synchronized List<HeartbeatSchedule> heartbeatSchedules() {
    return List.copyOf(heartbeats);
  }

  /** Records published junk (its raw event text). */
  public synchronized void addJunk(JunkType type, String rawEventJson) {
    junk.get(type).add(rawEventJson);
  }

  /** Valid events distinct by id, excluded kinds and junk left out, in publication order. */
  public synchronized List<NostrEvent> validEvents() {
    return new ArrayList<>(valid.values());
  }

  public synchronized boolean isValid(String id) {
    return valid.containsKey(id);
  }

  public synchronized int validCount() {
    return valid.size();
  }

  public synchronized List<NostrEvent> excludedKindEvents() {
    return new ArrayList<>(excluded.values());
  }

  public synchronized int junkCount(JunkType type) {
    return junk.get(type).size();
  }

  public synchronized Map<JunkType, Integer> junkCounts() {
    Map<JunkType, Integer> out = new EnumMap<>(JunkType.class);
    for (Map.Entry<JunkType, List<String>> e : junk.entrySet()) {
      out.put(e.getKey(), e.getValue().size());
    }
    return out;
  }

  /** Raw text of every junk event of a type, as published. */
  public synchronized List<String> junkEvents(JunkType type) {
    return new ArrayList<>(junk.get(type));
  }
}

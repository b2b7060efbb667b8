package dvmdash.bench;

import dvmdash.collector.SubscriptionPlan;
import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.simulator.GroundTruth;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One streaming pass over a benchmark file: parses and verifies every event on all cores (timed: the verify-only
 * rate), counts what the collector will store, and keeps a leading sample for the raw-store measurement.
 */
final class FileScan {

  private static final int CHUNK = 20_000;
  /** The kinds the collector subscribes to with the bundled excluded kinds (the simulator publishes those). */
  private static final Set<Integer> SUBSCRIBED =
      Set.copyOf(SubscriptionPlan.dvmKinds(GroundTruth.EXCLUDED_KINDS));

  private long total;
  private long invalid;
  private double verifySeconds;
  private final Set<String> ids = new HashSet<>();
  private final Set<String> dvms = new HashSet<>();
  private final List<String> profileAuthors = new ArrayList<>();
  private final List<NostrEvent> sample = new ArrayList<>();

  static FileScan of(Path file, int sampleSize) throws Exception {
    FileScan scan = new FileScan();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> chunk = new ArrayList<>(CHUNK);
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          chunk.add(line);
        }
        if (chunk.size() == CHUNK) {
          scan.chunk(chunk, sampleSize);
          chunk.clear();
        }
      }
      scan.chunk(chunk, sampleSize);
    }
    return scan;
  }

  private void chunk(List<String> lines, int sampleSize) {
    long t0 = System.nanoTime();
    List<NostrEvent> parsed = lines.parallelStream().map(l -> {
      try {
        NostrEvent e = EventParser.parse(l);
        EventVerifier.verify(e);
        return e;
      } catch (InvalidEventException ex) {
        return null;
      }
    }).toList();
    verifySeconds += (System.nanoTime() - t0) / 1e9;
    for (NostrEvent e : parsed) {
      total++;
      if (e == null) {
        invalid++;
        continue;
      }
      if (sample.size() < sampleSize) {
        sample.add(e);
      }
      if ((e.kind() >= 6000 && e.kind() <= 6999) || e.kind() == 7000) {
        dvms.add(e.pubkey());
      }
      if (SUBSCRIBED.contains(e.kind())) {
        ids.add(e.id());
      } else if (e.kind() == 0) {
        profileAuthors.add(e.pubkey() + e.id());
      }
    }
  }

  long total() {
    return total;
  }

  /** Distinct events the collector stores: subscribed kinds plus the profiles of DVMs. */
  long expected() {
    long profiles = profileAuthors.stream().filter(s -> dvms.contains(s.substring(0, 64)))
        .map(s -> s.substring(64)).distinct().count();
    return ids.size() + profiles;
  }

  double verifyRate() {
    return (total) / verifySeconds;
  }

  List<NostrEvent> sample() {
    return sample;
  }
}

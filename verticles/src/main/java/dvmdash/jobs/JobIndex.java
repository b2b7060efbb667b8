package dvmdash.jobs;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.Zap;
import dvmdash.shared.nostr.ZapReceipt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of a job neighbourhood, indexed by how they link: requests by id, feedback and results by the request
 * their first {@code e} tag names, sub-jobs by the request ids their {@code i … job} tags consume, and zap receipts
 * by the event their {@code e} tag zaps. Duplicates by id are ignored; other kinds are dropped.
 */
public final class JobIndex {

  private final Map<String, NostrEvent> byId = new LinkedHashMap<>();
  private final Map<String, NostrEvent> requests = new HashMap<>();
  private final Map<String, List<NostrEvent>> feedback = new HashMap<>();
  private final Map<String, List<NostrEvent>> results = new HashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  private final Map<String, List<NostrEvent>> zaps = new HashMap<>();

  public JobIndex(Collection<NostrEvent> events) {
    for (NostrEvent e : events) {
      if (byId.putIfAbsent(e.id(), e) == null) {
        add(e);
      }
    }
    Comparator<String> byTime = Comparator.comparingLong((String id) -> requests.get(id).createdAt())
        .thenComparing(id -> id);
    children.values().forEach(list -> list.sort(byTime));
    zaps.values().forEach(list -> list.sort(Job.CHRONOLOGICAL));
  }

  private void add(NostrEvent e) {
    EventClass c = Classifier.classify(e.kind());
    switch (c) {
      case REQUEST -> {
        requests.put(e.id(), e);
        for (String parent : Job.inputJobsOf(e)) {
          children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e.id());
        }
      }
      case FEEDBACK, RESULT -> {
        String ref = Classifier.requestRef(e);
        if (ref != null) {
          (c == EventClass.FEEDBACK ? feedback : results).computeIfAbsent(ref, k -> new ArrayList<>()).add(e);
        }
      }
      case ZAP -> ZapReceipt.parse(e)
          .map(Zap::zappedEvent)
          .ifPresent(zapped -> zaps.computeIfAbsent(zapped, k -> new ArrayList<>()).add(e));
      default -> {
        // not part of a job graph
      }
    }
  }

  public NostrEvent event(String id) {
    return byId.get(id);
  }

  /** True when a request with this id, or any response naming it, is present. */
  public boolean knowsJob(String requestId) {
    return requests.containsKey(requestId) || feedback.containsKey(requestId) || results.containsKey(requestId);
  }

  /** The job with this request id (possibly without request event and without responses). */
  public Job job(String requestId) {
    return new Job(requestId, requests.get(requestId), feedback.getOrDefault(requestId, List.of()),
        results.getOrDefault(requestId, List.of()));
  }

  /** Ids of seen requests that consume this request's output, oldest first. */
  public List<String> children(String requestId) {
    return children.getOrDefault(requestId, List.of());
  }

  /** Zap receipts whose {@code e} tag names this event, chronological. */
  public List<NostrEvent> zapsOf(String eventId) {
    return zaps.getOrDefault(eventId, List.of());
  }
}

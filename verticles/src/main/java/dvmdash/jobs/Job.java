package dvmdash.jobs;

import dvmdash.shared.nostr.Amounts;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.Hex;
import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One job: a request id, its request event when seen (null otherwise), and the feedback and results whose first
 * {@code e} tag names it, each list sorted by created_at then id. Pure facts plus the derivations every view needs.
 */
public record Job(String id, NostrEvent request, List<NostrEvent> feedback, List<NostrEvent> results) {

  /** Order of the timeline and of every list: created_at, then id. */
  public static final Comparator<NostrEvent> CHRONOLOGICAL =
      Comparator.comparingLong(NostrEvent::createdAt).thenComparing(NostrEvent::id);

  public Job {
    feedback = sorted(feedback);
    results = sorted(results);
  }

  private static List<NostrEvent> sorted(List<NostrEvent> events) {
    List<NostrEvent> copy = new ArrayList<>(events);
    copy.sort(CHRONOLOGICAL);
    return List.copyOf(copy);
  }

  public boolean seen() {
    return request != null;
  }

  /** The request kind: the request's own, else the first result's kind − 1000, else −1. */
  public int kind() {
    if (request != null) {
      return request.kind();
    }
    return results.isEmpty() ? -1 : results.get(0).kind() - 1000;
  }

  /** The requester: the request's author, else the {@code p} tag of a response, else null. */
  public String user() {
    if (request != null) {
      return request.pubkey();
    }
    for (NostrEvent e : responses()) {
      String p = e.tagValue("p");
      if (Hex.isLowerHex(p, 64)) {
        return p;
      }
    }
    return null;
  }

  /** Feedback and results, chronological. */
  public List<NostrEvent> responses() {
    List<NostrEvent> all = new ArrayList<>(feedback);
    all.addAll(results);
    all.sort(CHRONOLOGICAL);
    return all;
  }

  /** Pubkeys of the DVMs that answered, in the order of their first response. */
  public List<String> dvms() {
    Set<String> out = new LinkedHashSet<>();
    for (NostrEvent e : responses()) {
      out.add(e.pubkey());
    }
    return List.copyOf(out);
  }

  /** DVMs the request addresses with {@code p} tags (preferred DVMs). */
  public List<String> addressed() {
    if (request == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : request.tagValues("p")) {
      if (Hex.isLowerHex(p, 64)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** Responses grouped by DVM, in the order of each DVM's first response. */
  public Map<String, List<NostrEvent>> byDvm() {
    Map<String, List<NostrEvent>> out = new LinkedHashMap<>();
    for (NostrEvent e : responses()) {
      out.computeIfAbsent(e.pubkey(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** Request ids this request consumes ({@code ["i", id, "job"]}), in tag order; empty when the request is unseen. */
  public List<String> inputJobs() {
    return inputJobsOf(request);
  }

  public static List<String> inputJobsOf(NostrEvent request) {
    if (request == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (List<String> t : request.tagsNamed("i")) {
      if (t.size() > 2 && "job".equals(t.get(2)) && Hex.isLowerHex(t.get(1), 64)) {
        out.add(t.get(1));
      }
    }
    return List.copyOf(out);
  }

  /** NIP-40 expiration of the request (unix seconds), when it carries a numeric one. */
  public OptionalLong expiration() {
    return request == null ? OptionalLong.empty() : Amounts.parseMsat(request.tagValue("expiration"));
  }

  /** See {@link JobStatus}. */
  public JobStatus status() {
    if (!results.isEmpty()) {
      return JobStatus.SUCCESS;
    }
    if (feedback.isEmpty()) {
      return JobStatus.WAITING;
    }
    NostrEvent latest = feedback.get(feedback.size() - 1);
    return JobStatus.ofFeedback(Classifier.feedbackStatus(latest));
  }
}

package dvmdash.store;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.EventClass;
import dvmdash.shared.nostr.NostrEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a batch of new events adds to the {@code job_status} rows, per request id: the request's own facts, the
 * number of new results and feedback (linked by their first {@code e} tag, as the job debugger links them), and the
 * latest new feedback (by created_at, then id) with its raw status. Pure; merged into the table by addition and
 * "latest wins", so applying batches in any order gives the same rows.
 */
public final class JobStatusDelta {

  /** Raw feedback statuses longer than this cannot be one of the known values, so they are cut (never changes the status). */
  static final int STATUS_CHARS = 32;

  /** One request's delta. */
  public static final class Row {
    final String requestId;
    Integer kind;
    String requester;
    Long createdAt;
    int results;
    int feedback;
    Long lastFeedbackAt;
    String lastFeedbackId;
    String lastFeedbackStatus;

    Row(String requestId) {
      this.requestId = requestId;
    }

    void feedback(NostrEvent e) {
      feedback++;
      if (lastFeedbackAt == null || e.createdAt() > lastFeedbackAt
          || (e.createdAt() == lastFeedbackAt && e.id().compareTo(lastFeedbackId) > 0)) {
        lastFeedbackAt = e.createdAt();
        lastFeedbackId = e.id();
        String raw = Classifier.feedbackStatus(e);
        lastFeedbackStatus = raw == null || raw.length() <= STATUS_CHARS ? raw : raw.substring(0, STATUS_CHARS);
      }
    }
  }

  private JobStatusDelta() {
  }

  public static Collection<Row> of(Collection<NostrEvent> fresh) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (NostrEvent e : fresh) {
      EventClass c = Classifier.classify(e.kind());
      if (c == EventClass.REQUEST) {
        Row r = rows.computeIfAbsent(e.id(), Row::new);
        r.kind = e.kind();
        r.requester = e.pubkey();
        r.createdAt = e.createdAt();
      } else if (c == EventClass.FEEDBACK || c == EventClass.RESULT) {
        String ref = Classifier.requestRef(e);
        if (ref != null) {
          Row r = rows.computeIfAbsent(ref, Row::new);
          if (c == EventClass.RESULT) {
            r.results++;
          } else {
            r.feedback(e);
          }
        }
      }
    }
    return rows.values();
  }
}

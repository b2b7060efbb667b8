package dvmdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatusDeltaTest {

  private static final EventSigner USER = EventSigner.fromSeed(11);
  private static final EventSigner DVM = EventSigner.fromSeed(12);

  private static NostrEvent feedback(NostrEvent request, long t, String status) {
    List<List<String>> tags = new ArrayList<>();
    if (status != null) {
      tags.add(List.of("status", status));
    }
    tags.add(List.of("e", request.id()));
    return DVM.sign(t, 7000, tags, "");
  }

  @Test
  void countsResponsesAndKeepsTheLatestFeedback() {
    NostrEvent request = USER.sign(100, 5300, List.of(), "");
    NostrEvent early = feedback(request, 101, "payment-required");
    NostrEvent late = feedback(request, 105, "error");
    NostrEvent result = DVM.sign(104, 6300, List.of(List.of("e", request.id())), "r");
    NostrEvent orphan = DVM.sign(106, 6300, List.of(List.of("e", "zz")), "no 64-hex reference");
    List<JobStatusDelta.Row> rows = new ArrayList<>(JobStatusDelta.of(List.of(late, request, result, early, orphan)));
    assertEquals(1, rows.size());
    JobStatusDelta.Row r = rows.get(0);
    assertEquals(request.id(), r.requestId);
    assertEquals(5300, r.kind);
    assertEquals(USER.pubkey(), r.requester);
    assertEquals(100L, r.createdAt);
    assertEquals(1, r.results);
    assertEquals(2, r.feedback);
    assertEquals(105L, r.lastFeedbackAt);
    assertEquals("error", r.lastFeedbackStatus);
  }

  @Test
  void sameSecondTheHigherIdIsLatestAndResponsesWithoutTheirRequestStillCount() {
    NostrEvent request = USER.sign(100, 5050, List.of(), "");
    NostrEvent a = feedback(request, 103, "processing");
    NostrEvent b = feedback(request, 103, null);
    NostrEvent latest = a.id().compareTo(b.id()) > 0 ? a : b;
    JobStatusDelta.Row r = JobStatusDelta.of(List.of(a, b)).iterator().next();
    assertNull(r.kind, "the request is not in this batch");
    assertNull(r.createdAt);
    assertEquals(latest.id(), r.lastFeedbackId);
    assertEquals(latest == a ? "processing" : null, r.lastFeedbackStatus);
    String longStatus = "x".repeat(100);
    JobStatusDelta.Row cut = JobStatusDelta.of(List.of(feedback(request, 104, longStatus))).iterator().next();
    assertEquals(JobStatusDelta.STATUS_CHARS, cut.lastFeedbackStatus.length());
  }
}

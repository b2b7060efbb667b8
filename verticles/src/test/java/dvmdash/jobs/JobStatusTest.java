package dvmdash.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Derivation of a job's status from its responses. */
class JobStatusTest {

  private static final EventSigner USER = EventSigner.fromSeed(21);
  private static final EventSigner DVM = EventSigner.fromSeed(22);
  private static final NostrEvent REQUEST = USER.sign(1_000, 5050, List.of(List.of("i", "hi", "text")), "");

  private static NostrEvent feedback(long t, List<String>... extra) {
    List<List<String>> tags = new java.util.ArrayList<>(List.of(extra));
    tags.add(List.of("e", REQUEST.id()));
    return DVM.sign(t, 7000, tags, "");
  }

  private static JobStatus status(NostrEvent... responses) {
    List<NostrEvent> events = new java.util.ArrayList<>(List.of(responses));
    events.add(REQUEST);
    return new JobIndex(events).job(REQUEST.id()).status();
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusFollowsTheLatestFeedbackUnlessAResultExists() {
    assertEquals(JobStatus.WAITING, status());
    assertEquals(JobStatus.PROCESSING, status(feedback(1_001, List.of("status", "partial"))));
    assertEquals(JobStatus.PROCESSING, status(feedback(1_001, List.of("encrypted"))));
    assertEquals(JobStatus.PROCESSING, status(feedback(1_001, List.of("status", "pong"))));
    assertEquals(JobStatus.ERROR, status(feedback(1_001, List.of("status", "processing")),
        feedback(1_005, List.of("status", "error", "boom"))));
    assertEquals(JobStatus.PAYMENT_REQUIRED, status(feedback(1_009, List.of("status", "payment-required")),
        feedback(1_005, List.of("status", "processing"))));
    assertEquals(JobStatus.SUCCESS, status(feedback(1_005, List.of("status", "error", "boom")),
        DVM.sign(1_010, 6050, List.of(List.of("e", REQUEST.id())), "ok")));
    assertEquals(JobStatus.SUCCESS, status(feedback(1_005, List.of("status", "success"))));
  }

  @Test
  void wireNamesParse() {
    for (JobStatus s : JobStatus.values()) {
      assertEquals(s, JobStatus.parse(s.wire()));
    }
    assertNull(JobStatus.parse("done"));
  }
}

package dvmdash.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitAnnouncerTest {

  private static final EventSigner USER = EventSigner.fromSeed(1);
  private static final EventSigner DVM = EventSigner.fromSeed(2);

  @Test
  void everyJobEventNamesTheKindOfItsJobAndARequestTheDvmsItAddresses() {
    NostrEvent request = USER.sign(100, 5302, List.of(List.of("p", DVM.pubkey()), List.of("p", "not-hex"),
        List.of("p", DVM.pubkey())), "");
    NostrEvent result = DVM.sign(101, 6302, List.of(List.of("e", request.id())), "");
    NostrEvent feedback = DVM.sign(102, 7000, List.of(List.of("e", request.id()), List.of("status", "processing")),
        "");
    NostrEvent orphan = DVM.sign(103, 7000, List.of(List.of("e", "a".repeat(64))), "");
    Map<String, Integer> kinds = Map.of(request.id(), 5302);

    JsonObject r = CommitAnnouncer.jobOf(request, kinds);
    assertEquals(5302, r.getInteger("request_kind"));
    assertEquals(new JsonArray().add(DVM.pubkey()), r.getJsonArray("p"), "64-hex p tags, once each");
    assertEquals(5302, CommitAnnouncer.jobOf(result, Map.of()).getInteger("request_kind"));
    JsonObject f = CommitAnnouncer.jobOf(feedback, kinds);
    assertEquals(5302, f.getInteger("request_kind"));
    assertEquals("processing", f.getString("status"));
    assertEquals(request.id(), f.getString("request_id"));
    assertNull(CommitAnnouncer.jobOf(orphan, kinds).getInteger("request_kind"), "request never seen");
    assertNull(CommitAnnouncer.jobOf(USER.sign(104, 1, List.of(), "hi"), kinds), "not a job event");
  }
}

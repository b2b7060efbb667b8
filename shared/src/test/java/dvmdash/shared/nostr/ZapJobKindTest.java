package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZapJobKindTest {

  private static final EventSigner LNURL_SERVER = EventSigner.fromSeed(11);
  private static final String DVM = EventSigner.fromSeed(12).pubkey();

  private static NostrEvent receipt(String k, String requestK) {
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("p", DVM));
    if (k != null) {
      tags.add(List.of("k", k));
    }
    JsonArray requestTags = new JsonArray().add(new JsonArray().add("p").add(DVM));
    if (requestK != null) {
      requestTags.add(new JsonArray().add("k").add(requestK));
    }
    tags.add(List.of("description", new JsonObject().put("kind", 9734).put("tags", requestTags).encode()));
    return LNURL_SERVER.sign(1700000000L, 9735, tags, "");
  }

  @Test
  void aZappedResultCountsForItsRequestKindAndARequestForItself() {
    assertEquals(5300, ZapJobKind.of(receipt("6300", null)));
    assertEquals(5050, ZapJobKind.of(receipt("5050", null)));
  }

  @Test
  void theZapRequestsKTagServesWhenTheReceiptHasNone() {
    assertEquals(5100, ZapJobKind.of(receipt(null, "6100")));
    assertEquals(5300, ZapJobKind.of(receipt("6300", "6100")), "the receipt's own tag first");
  }

  @Test
  void feedbackOtherKindsAndMalformedTagsHaveNoJobKind() {
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(receipt("7000", null)));
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(receipt("1", null)));
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(receipt("63OO", null)));
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(receipt("+630", null)));
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(receipt(null, null)));
    NostrEvent badDescription = LNURL_SERVER.sign(1700000000L, 9735,
        List.of(List.of("p", DVM), List.of("description", "{not json")), "");
    assertEquals(ZapJobKind.NONE, ZapJobKind.of(badDescription));
  }
}

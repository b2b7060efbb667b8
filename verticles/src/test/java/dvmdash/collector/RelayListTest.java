package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's relay list: edits, validation, JSON and the relays.json file (old format still loads). */
class RelayListTest {

  @TempDir
  Path dir;

  @Test
  void editsAddMarkAndRemove() {
    RelayList l = RelayList.of(List.of("wss://a.example"));
    l = RelayEdit.add("wss://b.example", null).apply(l);
    assertEquals(List.of("wss://a.example", "wss://b.example"), l.urls());
    l = RelayEdit.mark("wss://b.example", RelayEntry.Activity.HIGH).apply(l);
    assertEquals(List.of("wss://b.example"), l.highUrls());
    RelayList again = RelayEdit.add("wss://b.example", null).apply(l);
    assertEquals(l, again, "adding a listed relay keeps its mark");
    l = RelayEdit.remove("wss://a.example").apply(l);
    assertEquals(new JsonArray().add(new JsonObject().put("url", "wss://b.example").put("activity", "high")),
        l.toJson());
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    RelayList l = RelayList.of(List.of("wss://a.example"));
    assertThrows(NoSuchElementException.class, () -> RelayEdit.remove("wss://nope.example").apply(l));
    assertThrows(NoSuchElementException.class,
        () -> RelayEdit.mark("wss://nope.example", RelayEntry.Activity.HIGH).apply(l));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RelayEdit.add("http://a.example", null));
    assertEquals("relay URL must start with ws:// or wss://: http://a.example", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RelayEdit.add("", null));
    assertThrows(IllegalArgumentException.class, () -> RelayEdit.add("wss://", null));
    assertThrows(IllegalArgumentException.class, () -> RelayEntry.Activity.parse("busy"));
    assertThrows(IllegalArgumentException.class, () -> RelayEdit.fromJson(new JsonObject().put("op", "drop")
        .put("url", "wss://a.example")));
    assertThrows(IllegalArgumentException.class, () -> RelayList.fromJson(new JsonArray().add("wss://a.example")
        .add("wss://a.example")));
    assertThrows(IllegalArgumentException.class, () -> RelayList.fromJson(new JsonArray().add(42)));
  }

  @Test
  void aHighRelayReconnectsWithAShorterBackoffCap() {
    assertEquals(300_000, RelayEntry.backoffCapMillis(false, 1_000, 300_000));
    assertEquals(RelayEntry.HIGH_BACKOFF_MAX_MILLIS, RelayEntry.backoffCapMillis(true, 1_000, 300_000));
    assertEquals(5_000, RelayEntry.backoffCapMillis(true, 1_000, 5_000), "a lower configured cap stays");
    assertEquals(20_000, RelayEntry.backoffCapMillis(true, 20_000, 300_000), "never below the minimum");
  }

  @Test
  void editsTravelAsJson() {
    RelayEdit e = RelayEdit.mark("wss://a.example", RelayEntry.Activity.HIGH);
    assertEquals(e, RelayEdit.fromJson(new JsonObject(e.toJson().encode())));
  }

  @Test
  void theFileRoundTripsAndAnOldPlainUrlListStillLoads() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Path file = dir.resolve("relays.json");
      RelayListStore store = new RelayListStore(vertx, file);
      assertEquals(null, store.load().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      Files.writeString(file, "[\"wss://old.example\", \"ws://127.0.0.1:7777\"]");
      assertEquals(RelayList.of(List.of("wss://old.example", "ws://127.0.0.1:7777")),
          store.load().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      RelayList marked = RelayList.of(List.of("wss://old.example")).marked("wss://old.example",
          RelayEntry.Activity.HIGH);
      store.save(marked).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(marked, new RelayListStore(vertx, file).load().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aChangedConfigListReplacesTheSavedOneButKeepsMarksOfRelaysStillInIt() {
    RelayList saved = RelayList.of(List.of("wss://a", "wss://b")).marked("wss://a", RelayEntry.Activity.HIGH)
        .marked("wss://b", RelayEntry.Activity.HIGH);
    RelayList configured = RelayList.of(List.of("wss://a", "wss://c"));
    RelayList out = CollectorSupervisorVerticle.keepMarks(configured, saved);
    assertEquals(List.of("wss://a", "wss://c"), out.urls());
    assertEquals(List.of("wss://a"), out.highUrls());
  }
}

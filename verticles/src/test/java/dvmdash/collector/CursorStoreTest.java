package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CursorStoreTest {

  static final String R = "wss://relay.example";

  @TempDir
  Path dir;

  @Test
  void survivesRestart(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("sub/cursors.json");
    CursorStore.load(vertx, file, 60_000)
        .compose(store -> {
          ctx.verify(() -> {
            assertEquals(OptionalLong.empty(), store.cursor(R));
            assertNull(store.since(R, 600));
          });
          store.advance(R, 1_700_000_000L);
          store.advance(R, 1_600_000_000L);
          store.advance("wss://other", 5L);
          return store.flush();
        })
        .compose(v -> CursorStore.load(vertx, file, 60_000))
        .onComplete(ctx.succeeding(store -> ctx.verify(() -> {
          assertEquals(OptionalLong.of(1_700_000_000L), store.cursor(R));
          assertEquals(1_700_000_000L - 600, store.since(R, 600));
          assertEquals(0L, store.since("wss://other", 600), "never negative");
          ctx.completeNow();
        })));
  }

  @Test
  void debouncedWriteHappensWithoutFlush(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("cursors.json");
    CursorStore.load(vertx, file, 10).onComplete(ctx.succeeding(store -> {
      store.advance(R, 42L);
      vertx.setPeriodic(10, id -> {
        if (Files.exists(file)) {
          vertx.cancelTimer(id);
          ctx.verify(() -> {
            JsonObject o = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            assertEquals(42L, o.getLong(R));
          });
          ctx.completeNow();
        }
      });
    }));
  }

  @Test
  void atomicWriteLeavesNoTempFilesAndReplaces() throws Exception {
    Path file = dir.resolve("c.json");
    CursorStore.write(file, "{\"a\":1}");
    CursorStore.write(file, "{\"a\":2}");
    assertEquals("{\"a\":2}", Files.readString(file));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "temp file removed");
    }
  }

  @Test
  void corruptFileStartsEmpty(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{not json");
    CursorStore.load(vertx, file, 10).onComplete(ctx.succeeding(store -> ctx.verify(() -> {
      assertFalse(store.cursor(R).isPresent());
      store.advance(R, 7L);
      assertTrue(store.cursor(R).isPresent());
      ctx.completeNow();
    })));
  }

  @Test
  void heldCursorAppliesNewestOnRelease(Vertx vertx, VertxTestContext ctx) {
    CursorStore.load(vertx, dir.resolve("h.json"), 60_000).onComplete(ctx.succeeding(store -> ctx.verify(() -> {
      store.advance(R, 100L);
      store.hold(R);
      assertTrue(store.isHeld(R));
      store.advance(R, 500L);
      store.advance(R, 300L);
      assertEquals(OptionalLong.of(100L), store.cursor(R), "backlog not complete yet");
      store.hold(R);
      store.release(R);
      assertFalse(store.isHeld(R));
      assertEquals(OptionalLong.of(500L), store.cursor(R));
      store.hold(R);
      store.release(R);
      assertEquals(OptionalLong.of(500L), store.cursor(R), "empty hold changes nothing");
      ctx.completeNow();
    })));
  }

  @Test
  void futureDatedEventsNeverMoveTheCursorPastTheCollectorsClock(Vertx vertx, VertxTestContext ctx) {
    long now = 1_800_000_000L;
    Path file = dir.resolve("future.json");
    CursorStore.load(vertx, file, 60_000, CursorMirror.NONE, () -> now)
        .compose(store -> {
          store.advance(R, now - 100);
          store.advance(R, now + 900);
          ctx.verify(() -> {
            assertEquals(OptionalLong.of(now), store.cursor(R));
            assertEquals(now - 600, store.since(R, 600), "since never past now - skew");
          });
          store.hold(R);
          store.advance(R, now + 800);
          store.release(R);
          ctx.verify(() -> assertEquals(OptionalLong.of(now), store.cursor(R), "a held advance is bounded too"));
          return store.flush();
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonObject o = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
          assertEquals(now, o.getLong(R), "persisted cursor not in the future");
          ctx.completeNow();
        })));
  }

  @Test
  void aPersistedFutureCursorResumesFromNow(Vertx vertx, VertxTestContext ctx) throws Exception {
    long now = 1_800_000_000L;
    Path file = dir.resolve("persisted.json");
    Files.writeString(file, new JsonObject().put(R, now + 3_600).encode());
    CursorStore.load(vertx, file, 60_000, CursorMirror.NONE, () -> now)
        .onComplete(ctx.succeeding(store -> ctx.verify(() -> {
          assertEquals(OptionalLong.of(now), store.cursor(R));
          assertEquals(now - 600, store.since(R, 600));
          ctx.completeNow();
        })));
  }
}

package dvmdash.collector;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers shared by the collector tests. */
final class TestEvents {

  private TestEvents() {
  }

  static JsonObject json(NostrEvent e) {
    JsonArray tags = new JsonArray();
    e.tags().forEach(t -> tags.add(new JsonArray(List.copyOf(t))));
    return new JsonObject()
        .put("id", e.id())
        .put("pubkey", e.pubkey())
        .put("created_at", e.createdAt())
        .put("kind", e.kind())
        .put("tags", tags)
        .put("content", e.content())
        .put("sig", e.sig());
  }

  static String eventFrame(String subId, JsonObject ev) {
    return new JsonArray().add("EVENT").add(subId).add(ev).encode();
  }

  /** Completes once {@code cond} holds (polled every 10 ms); fails after 20 s. */
  static Future<Void> until(Vertx vertx, BooleanSupplier cond) {
    Promise<Void> p = Promise.promise();
    long deadline = System.currentTimeMillis() + 20_000;
    vertx.setPeriodic(10, id -> {
      boolean ok;
      try {
        ok = cond.getAsBoolean();
      } catch (RuntimeException e) {
        vertx.cancelTimer(id);
        p.tryFail(e);
        return;
      }
      if (ok) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        p.tryFail(new AssertionError("condition not met within 20 s"));
      }
    });
    return p.future();
  }
}

package dvmdash.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which setting changes redeploy what, validation, rollback on a failed start, and restart-only sections. */
class ReloaderTest {

  private record Call(Component component, JsonObject config) {
  }

  private JsonObject desired = base();
  private final List<Call> calls = new ArrayList<>();
  private final Set<Component> failing = new java.util.HashSet<>();

  private static JsonObject base() {
    return new JsonObject()
        .put("role", "all")
        .put("stores", new JsonObject().put("pg_url", ""))
        .put("redis", new JsonObject().put("url", ""))
        .put("http", new JsonObject().put("port", 8080))
        .put("processor", new JsonObject().put("batch_size", 100).put("batch_max_wait_ms", 50))
        .put("collector", new JsonObject().put("relays", new JsonArray().add("ws://a")));
  }

  private Reloader reloader() {
    return new Reloader(() -> Future.succeededFuture(desired.copy()), base(),
        cfg -> cfg.copy().put("stores", new JsonObject().put("pg_url", "postgresql://embedded")),
        (c, cfg) -> {
          calls.add(new Call(c, cfg));
          return failing.contains(c) && cfg.getJsonObject("processor").getInteger("batch_size") == 7
              ? Future.failedFuture("port in use") : Future.succeededFuture();
        });
  }

  private Reloader.Outcome check(Reloader r) {
    return r.check().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void unchangedSettingsRedeployNothing() {
    Reloader r = reloader();
    Reloader.Outcome o = check(r);
    assertTrue(o.redeployed().isEmpty());
    assertTrue(calls.isEmpty());
  }

  @Test
  void eachSectionRedeploysItsComponentWithTheResolvedStores() {
    Reloader r = reloader();
    desired.getJsonObject("processor").put("batch_size", 500);
    assertEquals(List.of(Component.PROCESSOR), check(r).redeployed());
    assertEquals(1, calls.size());
    assertEquals(500, calls.get(0).config().getJsonObject("processor").getInteger("batch_size"));
    assertEquals("postgresql://embedded", calls.get(0).config().getJsonObject("stores").getString("pg_url"));
    assertTrue(check(r).redeployed().isEmpty(), "applied once");

    desired.getJsonObject("collector").put("batch_events", 32);
    desired.getJsonObject("http").put("port", 9090);
    assertEquals(List.of(Component.COLLECTOR, Component.API), check(r).redeployed());
  }

  @Test
  void invalidSettingsAreReportedOnceAndNothingIsRedeployed() {
    Reloader r = reloader();
    desired.getJsonObject("processor").put("batch_size", -5);
    Reloader.Outcome o = check(r);
    assertNotNull(o.error());
    assertTrue(o.error().contains("batch_size"), o.error());
    assertTrue(calls.isEmpty());
    assertNull(check(r).error(), "the same bad settings are not reported again");
    desired.getJsonObject("processor").put("batch_size", 200);
    assertEquals(List.of(Component.PROCESSOR), check(r).redeployed());
  }

  @Test
  void aComponentThatFailsToStartGetsItsPreviousSettingsBack() {
    Reloader r = reloader();
    failing.add(Component.PROCESSOR);
    desired.getJsonObject("processor").put("batch_size", 7);
    Reloader.Outcome o = check(r);
    assertEquals(List.of(Component.PROCESSOR), o.failed());
    assertEquals(2, calls.size());
    assertEquals(100, calls.get(1).config().getJsonObject("processor").getInteger("batch_size"), "rolled back");
    calls.clear();
    assertTrue(check(r).failed().isEmpty(), "not retried until the settings change");
    assertTrue(calls.isEmpty());
  }

  @Test
  void restartOnlySectionsAreReportedAndNeverHalfApplied() {
    Reloader r = reloader();
    desired.getJsonObject("redis").put("url", "redis://10.0.0.1:6379");
    desired.getJsonObject("processor").put("batch_size", 300);
    Reloader.Outcome o = check(r);
    assertEquals(List.of("redis"), o.needsRestart());
    assertEquals(List.of(Component.PROCESSOR), o.redeployed());
    assertEquals("", calls.get(0).config().getJsonObject("redis").getString("url"), "redis stays as running");
  }

  @Test
  void diffIgnoresTheNodeId() {
    ConfigDiff d = ConfigDiff.between(base().put("node_id", "a"), base().put("node_id", "b"));
    assertTrue(d.isEmpty());
  }
}

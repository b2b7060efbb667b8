package dvmdash.api;

import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /ready}: 200 when every store this node uses answers within 2 s, else 503; the JSON names each check
 * ({@code "ok"} or the error), so the failing dependency is visible.
 */
final class ReadinessHandler implements Handler<RoutingContext> {

  private static final long TIMEOUT_MS = 2000;

  private final Stores stores;

  ReadinessHandler(Stores stores) {
    this.stores = stores;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Future<String> pg = check(stores.pg().query("SELECT 1").execute().mapEmpty());
    Future<String> mongo = check(stores.mongo().runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty());
    Future.join(pg, mongo).onComplete(ar -> {
      JsonObject checks = new JsonObject().put("postgresql", pg.result()).put("mongodb", mongo.result());
      boolean ready = "ok".equals(pg.result()) && "ok".equals(mongo.result());
      ctx.response()
          .setStatusCode(ready ? 200 : 503)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("ready", ready).put("checks", checks).encode());
    });
  }

  private static Future<String> check(Future<Object> f) {
    return f.timeout(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(v -> "ok")
        .otherwise(err -> String.valueOf(err.getMessage()));
  }
}

package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.health.Liveness;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpsRoutesTest {

  private HttpClient client;

  @Test
  void healthFailsWhileAPipelinePartCannotMakeProgress(Vertx vertx, VertxTestContext ctx) {
    AtomicReference<String> problem = new AtomicReference<>();
    Liveness.Registration reg = Liveness.of(vertx).register(() -> Optional.ofNullable(problem.get()));
    Router router = Router.router(vertx);
    OpsRoutes.mount(vertx, router, DependencyChecks.forNode(vertx, new JsonObject().put("role", "collector"), null));
    client = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(s -> get(s.actualPort())
            .compose(ok -> {
              ctx.verify(() -> {
                assertEquals(200, ok.getInteger("status_code"));
                assertEquals("ok", ok.getString("status"));
              });
              problem.set("collector: 2500 events unacknowledged by the processor for 181 s");
              return get(s.actualPort());
            })
            .compose(stalled -> {
              ctx.verify(() -> {
                assertEquals(503, stalled.getInteger("status_code"));
                assertEquals("stalled", stalled.getString("status"));
                assertTrue(stalled.getString("error").contains("2500 events"), stalled.encode());
              });
              reg.close();
              return get(s.actualPort());
            }))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertEquals(200, after.getInteger("status_code"), "a stopped part no longer counts");
          ctx.completeNow();
        })));
  }

  io.vertx.core.Future<JsonObject> get(int port) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", "/health")
        .compose(req -> req.send())
        .compose(res -> res.body().map(b -> new JsonObject(b.toString()).put("status_code", res.statusCode())));
  }
}

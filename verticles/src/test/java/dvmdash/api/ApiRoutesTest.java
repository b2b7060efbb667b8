package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.store.StatsAnswers;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The routes an API node mounts, their order, and the answers that need no store. */
@ExtendWith(VertxExtension.class)
class ApiRoutesTest {

  /** A PostgreSQL nobody listens on: the pool connects only when a query runs. */
  private static final JsonObject CONFIG = new JsonObject().put("role", "api")
      .put("stores", new JsonObject().put("pg_url", "postgresql://dvmdash@127.0.0.1:1/none"));

  private HttpClient client;
  private Stores stores;
  private RelaySources relays;

  @AfterEach
  void close() {
    if (relays != null) {
      relays.close();
    }
    if (stores != null) {
      stores.close();
    }
  }

  private Router mounted(Vertx vertx) {
    stores = Stores.connect(vertx, CONFIG, "test");
    relays = RelaySources.fromConfig(vertx, vertx.getOrCreateContext(), CONFIG);
    ClientAddress addresses = new ClientAddress(List.of());
    StreamHandler stream = new StreamHandler(10, 5, StreamHandler.DEFAULT_STALL_MILLIS, addresses,
        System::currentTimeMillis, OwnerLoop.INLINE);
    Router router = Router.router(vertx);
    new ApiRoutes(vertx, CONFIG, stores, new StatsAnswers(stores.pg()), stream, new AnswerCache(10), addresses,
        OwnerLoop.INLINE, relays.directory(), relays.editor(), DependencyChecks.forNode(vertx, CONFIG, stores),
        () -> 1_700_000_000L).mount(router);
    return router;
  }

  @Test
  void apiRoutesComeBeforeTheirFallbackAndTheOperatorEndpointsLast(Vertx vertx) {
    List<String> paths = new ArrayList<>();
    for (Route r : mounted(vertx).getRoutes()) {
      paths.add(r.getPath());
    }
    int fallback = paths.indexOf("/api/");
    assertTrue(fallback > 0, paths.toString());
    for (String p : List.of("/api/stats/global", "/api/stats/timeseries", "/api/dvms", "/api/kinds", "/api/relays",
        "/api/stream")) {
      int at = paths.indexOf(p);
      assertTrue(at >= 0 && at < fallback, p + " in " + paths);
    }
    for (String p : List.of("/health", "/ready", "/metrics")) {
      assertTrue(paths.indexOf(p) > fallback, p + " in " + paths);
    }
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void unknownApiPathsGetJson404AndTheRelayListAnswersWithoutCollector(Vertx vertx, VertxTestContext ctx) {
    Router router = mounted(vertx);
    client = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(s -> get(s.actualPort(), "/api/no-such-thing")
            .compose(missing -> {
              ctx.verify(() -> {
                assertEquals(404, missing.getInteger("status_code"));
                assertTrue(missing.containsKey("error"), missing.encode());
              });
              return get(s.actualPort(), "/api/relays");
            }))
        .onComplete(ctx.succeeding(relayList -> ctx.verify(() -> {
          assertEquals(200, relayList.getInteger("status_code"));
          assertTrue(relayList.getValue("relays") instanceof JsonArray, relayList.encode());
          ctx.completeNow();
        })));
  }

  @Test
  void excludedKindsComeFromTheCollectorConfig() {
    assertEquals(CollectorConfig.DEFAULT_EXCLUDED_KINDS, ApiRoutes.excludedKinds(new JsonObject()));
    assertEquals(Set.of(5666, 7000), ApiRoutes.excludedKinds(new JsonObject().put("collector",
        new JsonObject().put(CollectorConfig.EXCLUDED_KINDS, new JsonArray().add(5666).add(7000)))));
  }

  private Future<JsonObject> get(int port, String path) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .compose(res -> res.body().map(b -> new JsonObject(b.toString()).put("status_code", res.statusCode())));
  }
}

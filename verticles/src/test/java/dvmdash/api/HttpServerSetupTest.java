package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hardened HTTP server and the API's generic answers, on a router wired like ApiVerticle's. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HttpServerSetupTest {

  static final String INDEX = "<html><head><script>\n  document.documentElement.dataset.theme = 'dark';\n</script>"
      + "<script type=\"module\" src=\"/assets/x.js\"></script></head></html>";

  private HttpClient client;
  private NetClient net;
  private int port;

  record Answer(int status, String contentType, JsonObject headersJson, String body) {
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(INDEX));
    router.route().method(HttpMethod.HEAD).handler(new HeadAsGet("/api/stream"));
    router.get("/api/things/:id").handler(c -> Replies.json(c, new JsonObject().put("id", c.pathParam("id"))));
    router.get("/api/stats/global").handler(c -> Replies.json(c, new JsonObject().put("job_requests", 1)));
    router.post("/api/playground/publish").handler(c -> Replies.json(c, new JsonObject()));
    router.route("/api/*").handler(new ApiFallback(router));
    client = vertx.createHttpClient();
    HttpConfig http = HttpConfig.fromJson(new JsonObject().put("header_timeout_seconds", 1));
    HttpServerSetup.create(vertx, http, router).listen(0, "127.0.0.1")
        .onComplete(ctx.succeeding(s -> {
          port = s.actualPort();
          ctx.completeNow();
        }));
  }

  Future<HttpClientResponse> send(HttpMethod method, String uri) {
    return client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri))
        .compose(req -> req.send());
  }

  Future<Answer> answer(HttpMethod method, String uri) {
    return send(method, uri).compose(res -> res.body().map(b -> {
      JsonObject h = new JsonObject();
      res.headers().forEach(e -> h.put(e.getKey().toLowerCase(), e.getValue()));
      return new Answer(res.statusCode(), res.getHeader("Content-Type"), h, b.toString());
    }));
  }

  @Test
  void aTooLongUriGets414WithTheJsonErrorBody(VertxTestContext ctx) {
    answer(HttpMethod.GET, "/api/things/" + "a".repeat(10_000)).onComplete(ctx.succeeding(a -> ctx.verify(() -> {
      assertEquals(414, a.status());
      assertTrue(a.contentType().startsWith("application/json"));
      assertTrue(new JsonObject(a.body()).getString("error").contains("longer than"), a.body());
      ctx.completeNow();
    })));
  }

  @Test
  void aWrongMethodOnAnApiRouteIs405WithAllowAndJson(VertxTestContext ctx) {
    answer(HttpMethod.DELETE, "/api/stats/global")
        .compose(a -> {
          ctx.verify(() -> {
            assertEquals(405, a.status());
            assertEquals("GET, HEAD", a.headersJson().getString("allow"));
            assertTrue(new JsonObject(a.body()).getString("error").contains("not allowed"), a.body());
          });
          return answer(HttpMethod.POST, "/api/things/abc");
        })
        .compose(a -> {
          ctx.verify(() -> assertEquals(405, a.status(), "a route with a path parameter"));
          return answer(HttpMethod.GET, "/api/playground/publish");
        })
        .compose(a -> {
          ctx.verify(() -> {
            assertEquals(405, a.status());
            assertEquals("POST", a.headersJson().getString("allow"));
          });
          return answer(HttpMethod.POST, "/api/nothing/here");
        })
        .onComplete(ctx.succeeding(a -> ctx.verify(() -> {
          assertEquals(404, a.status());
          assertTrue(new JsonObject(a.body()).getString("error").startsWith("no such endpoint"));
          ctx.completeNow();
        })));
  }

  @Test
  void headOnAnApiGetRouteAnswersLikeGetWithoutBody(VertxTestContext ctx) {
    answer(HttpMethod.HEAD, "/api/stats/global")
        .compose(a -> {
          ctx.verify(() -> {
            assertEquals(200, a.status());
            assertTrue(a.contentType().startsWith("application/json"));
            assertEquals("", a.body());
          });
          return answer(HttpMethod.HEAD, "/api/stream");
        })
        .onComplete(ctx.succeeding(a -> ctx.verify(() -> {
          assertEquals(200, a.status(), "the stream's headers, answered at once");
          assertEquals("text/event-stream", a.contentType());
          ctx.completeNow();
        })));
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders(VertxTestContext ctx) {
    answer(HttpMethod.GET, "/api/stats/global").onComplete(ctx.succeeding(a -> ctx.verify(() -> {
      JsonObject h = a.headersJson();
      assertEquals("DENY", h.getString("x-frame-options"));
      assertEquals("nosniff", h.getString("x-content-type-options"));
      assertEquals("no-referrer", h.getString("referrer-policy"));
      String csp = h.getString("content-security-policy");
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertTrue(csp.contains("connect-src 'self'"), csp);
      String hash = SecurityHeaders.inlineScriptHashes(INDEX).get(0);
      assertTrue(csp.contains("script-src 'self' 'sha256-" + hash + "'"), "the theme script may run: " + csp);
      assertEquals(1, SecurityHeaders.inlineScriptHashes(INDEX).size(), "a script with src needs no hash");
      ctx.completeNow();
    })));
  }

  @Test
  void aSocketThatNeverSendsItsHeadersIsClosed(Vertx vertx, VertxTestContext ctx) {
    net = vertx.createNetClient();
    Promise<Void> closed = Promise.promise();
    net.connect(port, "127.0.0.1")
        .onSuccess(so -> {
          so.closeHandler(v -> closed.tryComplete());
          so.write(Buffer.buffer("GET /api/stats/global HTTP/1.1\r\nHost: x\r\n"));
        })
        .onFailure(ctx::failNow);
    closed.future().onComplete(ctx.succeedingThenComplete());
  }
}

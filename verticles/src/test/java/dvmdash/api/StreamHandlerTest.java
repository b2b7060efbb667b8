package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StreamHandlerTest {

  private StreamHandler stream;
  private HttpClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    stream = new StreamHandler(1);
    Router router = Router.router(vertx);
    router.get("/api/stream").handler(stream);
    client = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .onComplete(ctx.succeeding(s -> {
          port = s.actualPort();
          ctx.completeNow();
        }));
  }

  private RequestOptions get(String lastId) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/api/stream");
    if (lastId != null) {
      o.putHeader("Last-Event-ID", lastId);
    }
    return o;
  }

  @Test
  void reconnectWithLastEventIdReceivesWhatItMissedThenLiveEvents(Vertx vertx, VertxTestContext ctx) {
    stream.broadcast("job", new JsonObject().put("n", 1));
    stream.broadcast("job", new JsonObject().put("n", 2));
    stream.broadcast("stats", new JsonObject().put("n", 3));
    StringBuilder received = new StringBuilder();
    client.request(get("1")).compose(req -> req.send()).onComplete(ctx.succeeding((HttpClientResponse res) -> {
      ctx.verify(() -> {
        assertEquals(200, res.statusCode());
        assertTrue(res.getHeader("Content-Type").startsWith("text/event-stream"));
      });
      res.handler(buf -> {
        received.append(buf.toString());
        String text = received.toString();
        if (text.contains("\"n\":4")) {
          ctx.verify(() -> {
            assertTrue(!text.contains("\"n\":1"), "already seen event resent: " + text);
            assertTrue(text.indexOf("id: 2\nevent: job\ndata: {\"n\":2}") < text.indexOf("id: 3\nevent: stats"));
            assertTrue(text.indexOf("id: 3") < text.indexOf("id: 4"));
          });
          ctx.completeNow();
        }
      });
      vertx.setTimer(100, id -> stream.broadcast("job", new JsonObject().put("n", 4)));
    }));
  }

  @Test
  void aClientFollowingAKindAndADvmGetsOnlyTheirJobsAndTheStats(Vertx vertx, VertxTestContext ctx) {
    String dvm = "d".repeat(64);
    String other = "e".repeat(64);
    StringBuilder received = new StringBuilder();
    RequestOptions o = get(null).setURI("/api/stream?kind=5300,5302&dvm=" + dvm);
    client.request(o).compose(req -> req.send()).onComplete(ctx.succeeding((HttpClientResponse res) -> {
      res.handler(buf -> {
        received.append(buf.toString());
        String text = received.toString();
        if (text.contains("\"n\":9")) {
          ctx.verify(() -> {
            for (int n : new int[] {1, 2, 3, 8, 9}) {
              assertTrue(text.contains("\"n\":" + n), n + " passes: " + text);
            }
            for (int n : new int[] {4, 5, 6, 7}) {
              assertTrue(!text.contains("\"n\":" + n), n + " is filtered out: " + text);
            }
          });
          ctx.completeNow();
        }
      });
      vertx.setTimer(100, id -> {
        // kind 5300 jobs: a request addressed to the DVM, its feedback, its result; then other kinds and DVMs
        stream.broadcast("job", job(1, "request", 5300, "u", new JsonArray().add(dvm)));
        stream.broadcast("job", job(2, "feedback", 5300, dvm, null));
        stream.broadcast("job", job(3, "result", 5300, dvm, null));
        stream.broadcast("job", job(4, "result", 5050, dvm, null));
        stream.broadcast("job", job(5, "result", 5300, other, null));
        stream.broadcast("job", job(6, "request", 5300, "u", new JsonArray().add(other)));
        stream.broadcast("job", job(7, "feedback", null, dvm, null));
        stream.broadcast("stats", new JsonObject().put("n", 8));
        stream.broadcast("job", job(9, "result", 5302, dvm, null));
      });
    }));
  }

  @Test
  void aBadFilterIsA400(VertxTestContext ctx) {
    client.request(get(null).setURI("/api/stream?kind=7000")).compose(req -> req.send())
        .onComplete(ctx.succeeding(res -> {
          ctx.verify(() -> assertEquals(400, res.statusCode()));
          ctx.completeNow();
        }));
  }

  private static JsonObject job(int n, String type, Integer requestKind, String pubkey, JsonArray p) {
    return new JsonObject().put("n", n).put("type", type).put("request_kind", requestKind).put("pubkey", pubkey)
        .put("p", p == null ? new JsonArray() : p);
  }

  @Test
  void beyondTheCapTheOldestStreamGivesItsPlaceInsteadOfLockingOut(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    client.request(get(null)).compose(req -> req.send()).onComplete(ctx.succeeding(first -> {
      first.exceptionHandler(e -> { });
      first.endHandler(v -> { });
      vertx.setTimer(100, t -> client.request(get(null)).compose(req -> req.send())
          .onComplete(ctx.succeeding(second -> {
            ctx.verify(() -> {
              assertEquals(200, second.statusCode(), "a new client is never refused for lack of places");
              assertEquals(1, stream.clients());
              assertEquals(1, stream.evicted());
            });
            ctx.completeNow();
          })));
    }));
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
  }

  @Test
  void oneAddressGets429BeyondItsShareWhileStreamsRemain(Vertx vertx, VertxTestContext ctx) throws Exception {
    StreamHandler perClient = new StreamHandler(10, 1, 30_000, new ClientAddress(java.util.List.of()),
        System::currentTimeMillis);
    Router router = Router.router(vertx);
    router.get("/api/stream").handler(perClient);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(s -> {
          port = s.actualPort();
          return client.request(get(null)).compose(req -> req.send());
        })
        .compose(first -> client.request(get(null)).compose(req -> req.send()))
        .compose(second -> second.body().map(b -> {
          ctx.verify(() -> {
            assertEquals(429, second.statusCode());
            assertTrue(b.toString().contains("from your address"), b.toString());
            assertEquals(1, perClient.clients());
            assertEquals(1, perClient.refusedPerClient());
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
  }

  @Test
  void aCommittedBatchOfJobsArrivesWholeAndInOrder(Vertx vertx, VertxTestContext ctx) {
    java.util.List<JsonObject> jobs = new java.util.ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      jobs.add(new JsonObject().put("n", i));
    }
    StringBuilder received = new StringBuilder();
    client.request(get(null)).compose(req -> req.send()).onComplete(ctx.succeeding(res -> {
      res.handler(buf -> {
        received.append(buf.toString());
        if (received.indexOf("id: 300\n") >= 0 && received.toString().endsWith("\n\n")) {
          ctx.verify(() -> {
            String text = received.toString();
            int last = -1;
            for (int i = 1; i <= 300; i++) {
              int at = text.indexOf("id: " + i + "\nevent: job\ndata: {\"n\":" + i + "}\n\n");
              assertTrue(at > last, "job " + i + " in order");
              last = at;
            }
          });
          ctx.completeNow();
        }
      });
      vertx.setTimer(100, id -> stream.broadcast("job", jobs));
    }));
  }
}

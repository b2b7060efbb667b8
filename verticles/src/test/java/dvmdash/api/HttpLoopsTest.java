package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.shared.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's HTTP server on several event loops: new connections are spread over the loops (a burst of them no longer
 * queues on one loop ahead of everyone's requests), while confined handlers always run on the owner's loop.
 */
class HttpLoopsTest {

  private Vertx vertx;
  private HttpLoops loops;
  private OwnerLoop owner;
  private String ownerThread;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    owner = OwnerLoop.current(vertx);
    java.util.concurrent.CompletableFuture<String> t = new java.util.concurrent.CompletableFuture<>();
    owner.run(() -> t.complete(Thread.currentThread().getName()));
    ownerThread = t.get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    get(vertx.close());
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void start(int eventLoops) throws Exception {
    HttpConfig http = HttpConfig.fromJson(new JsonObject().put("host", "127.0.0.1").put("port", 0)
        .put("event_loops", eventLoops));
    assertEquals(eventLoops, http.eventLoops());
    Router router = Router.router(vertx);
    router.get("/where").handler(ctx -> ctx.response().end(Thread.currentThread().getName()));
    router.get("/owned").handler(owner.confine(ctx -> ctx.response().end(Thread.currentThread().getName())));
    loops = get(HttpLoops.start(vertx, http, router, http.eventLoops()));
  }

  /** One request on a new connection (closed after the answer); the body. */
  private String ask(String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", loops.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(all.startsWith("HTTP/1.1 200"), all);
      return all.substring(all.indexOf("\r\n\r\n") + 4);
    }
  }

  private Set<String> threads(String path, int connections) throws Exception {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      seen.add(ask(path));
    }
    return new HashSet<>(seen);
  }

  @Test
  void connectionsAreSpreadOverTheEventLoops() throws Exception {
    start(2);
    Set<String> where = threads("/where", 6);
    assertEquals(2, where.size(), "six connections served by both loops: " + where);
    where.forEach(t -> assertTrue(t.startsWith("vert.x-eventloop-thread-"), t));
  }

  @Test
  void confinedHandlersRunOnTheOwnersLoopWhateverLoopTheConnectionIsOn() throws Exception {
    start(3);
    assertEquals(3, threads("/where", 9).size());
    assertEquals(Set.of(ownerThread), threads("/owned", 9));
  }

  @Test
  void oneLoopServesEverythingOnOneThread() throws Exception {
    start(1);
    assertEquals(1, threads("/where", 4).size());
  }

  @Test
  void theDefaultIsTheNumberOfCoresUpToFour() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(Math.max(1, Math.min(4, cores)), HttpConfig.fromJson(new JsonObject()).eventLoops());
    assertEquals(3, HttpConfig.fromJson(new JsonObject().put("event_loops", "3")).eventLoops(),
        "from the environment (DVMDASH_HTTP_EVENT_LOOPS) it arrives as text");
  }
}

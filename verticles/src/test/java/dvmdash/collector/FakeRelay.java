package dvmdash.collector;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny NIP-01 relay for tests: answers REQs with its stored events (matching kinds and since) and EOSE, can refuse
 * REQs with too many kinds (CLOSED, or silence), records every frame it receives, and can push or drop connections.
 */
final class FakeRelay {

  private final Vertx vertx;
  private final List<JsonObject> stored = new CopyOnWriteArrayList<>();
  private final List<ServerWebSocket> open = new CopyOnWriteArrayList<>();
  final List<JsonArray> received = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private volatile int maxKindsPerReq = Integer.MAX_VALUE;
  private volatile boolean refuseSilently;
  private volatile boolean closeAfterEose;
  private volatile long streamEveryMillis;
  private volatile boolean newestFirst;
  private volatile java.util.function.Consumer<ServerWebSocket> afterEose = ws -> { };
  private HttpServer server;

  FakeRelay(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<FakeRelay> start() {
    server = vertx.createHttpServer().webSocketHandler(this::onSocket);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  String url() {
    return "ws://127.0.0.1:" + server.actualPort();
  }

  FakeRelay store(JsonObject ev) {
    stored.add(ev);
    return this;
  }

  /** REQs whose filters hold more kinds than this are refused with CLOSED (or ignored when silent). */
  FakeRelay refuseAbove(int kinds, boolean silently) {
    this.maxKindsPerReq = kinds;
    this.refuseSilently = silently;
    return this;
  }

  /** Sends the stored events of a REQ one every {@code millis}, and EOSE after the last (a slow, large backlog). */
  FakeRelay streamEvery(long millis) {
    this.streamEveryMillis = millis;
    return this;
  }

  /** Answers stored events newest first, as NIP-01 relays do (else in the order stored). */
  FakeRelay newestFirst() {
    this.newestFirst = true;
    return this;
  }

  /** Closes every connection right after answering its first REQ with EOSE (a relay that keeps dropping). */
  FakeRelay closeAfterEose() {
    this.closeAfterEose = true;
    return this;
  }

  /** Runs {@code action} on the socket after each EOSE it sends (for example to send a giant frame). */
  FakeRelay afterEose(java.util.function.Consumer<ServerWebSocket> action) {
    this.afterEose = action;
    return this;
  }

  List<JsonArray> reqs() {
    return received.stream().filter(a -> "REQ".equals(a.getString(0))).toList();
  }

  void broadcast(String text) {
    open.forEach(ws -> ws.writeTextMessage(text));
  }

  void dropAll() {
    open.forEach(ServerWebSocket::close);
  }

  int openCount() {
    return open.size();
  }

  Future<Void> close() {
    return server.close();
  }

  private void onSocket(ServerWebSocket ws) {
    connections.incrementAndGet();
    open.add(ws);
    ws.closeHandler(v -> open.remove(ws));
    ws.textMessageHandler(text -> {
      JsonArray msg = new JsonArray(text);
      received.add(msg);
      if ("REQ".equals(msg.getString(0))) {
        answer(ws, msg);
      }
    });
  }

  private void answer(ServerWebSocket ws, JsonArray req) {
    String sub = req.getString(1);
    int kinds = 0;
    for (int i = 2; i < req.size(); i++) {
      kinds += req.getJsonObject(i).getJsonArray("kinds", new JsonArray()).size();
    }
    if (kinds > maxKindsPerReq) {
      if (!refuseSilently) {
        ws.writeTextMessage(new JsonArray().add("CLOSED").add(sub).add("error: too many kinds in filter").encode());
      }
      return;
    }
    List<String> frames = new java.util.ArrayList<>();
    List<JsonObject> answer = new java.util.ArrayList<>(stored);
    if (newestFirst) {
      answer.sort(java.util.Comparator.comparingLong((JsonObject ev) -> ev.getLong("created_at")).reversed());
    }
    for (JsonObject ev : answer) {
      for (int i = 2; i < req.size(); i++) {
        if (matches(req.getJsonObject(i), ev)) {
          frames.add(TestEvents.eventFrame(sub, ev));
          break;
        }
      }
    }
    frames.add(new JsonArray().add("EOSE").add(sub).encode());
    if (streamEveryMillis > 0) {
      AtomicInteger next = new AtomicInteger();
      vertx.setPeriodic(streamEveryMillis, id -> {
        int i = next.getAndIncrement();
        if (i >= frames.size() || ws.isClosed()) {
          vertx.cancelTimer(id);
          return;
        }
        ws.writeTextMessage(frames.get(i));
        if (i == frames.size() - 1) {
          vertx.cancelTimer(id);
          afterEose(ws);
        }
      });
      return;
    }
    frames.forEach(ws::writeTextMessage);
    afterEose(ws);
  }

  private void afterEose(ServerWebSocket ws) {
    afterEose.accept(ws);
    if (closeAfterEose) {
      ws.close();
    }
  }

  private static boolean matches(JsonObject filter, JsonObject ev) {
    JsonArray kinds = filter.getJsonArray("kinds");
    if (kinds != null && !kinds.contains(ev.getInteger("kind"))) {
      return false;
    }
    JsonArray authors = filter.getJsonArray("authors");
    if (authors != null && !authors.contains(ev.getString("pubkey"))) {
      return false;
    }
    Long since = filter.getLong("since");
    Long until = filter.getLong("until");
    long at = ev.getLong("created_at");
    return (since == null || at >= since) && (until == null || at <= until);
  }
}

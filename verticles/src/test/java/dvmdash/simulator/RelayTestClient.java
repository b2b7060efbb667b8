package dvmdash.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A tiny NIP-01 client for tests: records every received frame and completes waits on a predicate. */
final class RelayTestClient {

  private final List<JsonArray> received = new ArrayList<>();
  private final List<String> unparsable = new ArrayList<>();
  private WebSocket ws;
  private Predicate<JsonArray> waitFor;
  private Promise<List<JsonArray>> waiting;

  static Future<RelayTestClient> connect(Vertx vertx, WebSocketClient client, int port) {
    RelayTestClient c = new RelayTestClient();
    return client.connect(port, "127.0.0.1", "/").map(ws -> {
      c.ws = ws;
      ws.textMessageHandler(c::onText);
      return c;
    });
  }

  static WebSocketClient newClient(Vertx vertx) {
    return vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(1 << 20)
      .setMaxMessageSize(4 << 20));
  }

  private synchronized void onText(String text) {
    JsonArray msg;
    try {
      msg = new JsonArray(text);
    } catch (RuntimeException e) {
      unparsable.add(text);
      return;
    }
    received.add(msg);
    if (waiting != null && waitFor.test(msg)) {
      Promise<List<JsonArray>> p = waiting;
      waiting = null;
      p.complete(new ArrayList<>(received));
    }
  }

  synchronized List<String> unparsable() {
    return new ArrayList<>(unparsable);
  }

  /** Sends a frame and completes with everything received so far once a frame matching {@code until} arrives. */
  synchronized Future<List<JsonArray>> send(String frame, Predicate<JsonArray> until) {
    waiting = Promise.promise();
    waitFor = until;
    Future<List<JsonArray>> f = waiting.future();
    ws.writeTextMessage(frame);
    return f;
  }

  /** Waits (without sending) for a frame matching {@code until}, which may already have arrived. */
  synchronized Future<List<JsonArray>> await(Predicate<JsonArray> until) {
    for (JsonArray m : received) {
      if (until.test(m)) {
        return Future.succeededFuture(new ArrayList<>(received));
      }
    }
    waiting = Promise.promise();
    waitFor = until;
    return waiting.future();
  }

  synchronized void clear() {
    received.clear();
  }

  static Predicate<JsonArray> is(String type, String sub) {
    return m -> type.equals(m.getString(0)) && (sub == null || sub.equals(m.getValue(1)));
  }
}

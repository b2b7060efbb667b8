package dvmdash.cli;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket to one relay for paged history requests: {@link #fetch} sends {@code ["REQ", sub, filter]}, gathers
 * the subscription's EVENT frames until EOSE, then sends {@code ["CLOSE", sub]}. A CLOSED answer, a dropped connection
 * or no EOSE within the timeout fails the page. Blocking; call it from a plain thread, never from an event loop.
 */
public final class RelayPageClient implements AutoCloseable {

  /** The relay answered CLOSED to a REQ (for example too many kinds in one filter). */
  public static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private final String url;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final long timeoutMillis;
  private final Object lock = new Object();
  private int pageNumber;
  private String sub;
  private List<String> frames;
  private Promise<List<String>> pending;

  private RelayPageClient(String url, WebSocketClient client, WebSocket socket, long timeoutMillis) {
    this.url = url;
    this.client = client;
    this.socket = socket;
    this.timeoutMillis = timeoutMillis;
    socket.textMessageHandler(this::onText);
    socket.closeHandler(v -> fail(new IOException("relay " + url + " closed the connection")));
    socket.exceptionHandler(err -> fail(new IOException("relay " + url + ": " + err.getMessage(), err)));
  }

  /** Connects (blocking) to a ws:// or wss:// relay. */
  public static RelayPageClient connect(Vertx vertx, String url, long timeoutMillis) throws Exception {
    if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
      throw new IllegalArgumentException("relay URL must start with ws:// or wss://, got " + url);
    }
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    try {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).toCompletionStage()
          .toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
      return new RelayPageClient(url, client, ws, timeoutMillis);
    } catch (Exception e) {
      client.close();
      throw new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
    }
  }

  /** One page: the EVENT frames (as received) of a REQ with {@code filter}, up to EOSE. */
  public List<String> fetch(JsonObject filter) throws Exception {
    Promise<List<String>> p = Promise.promise();
    String subId;
    synchronized (lock) {
      subId = "backfill-" + (++pageNumber);
      sub = subId;
      frames = new ArrayList<>();
      pending = p;
    }
    socket.writeTextMessage(new JsonArray().add("REQ").add(subId).add(filter).encode());
    try {
      return p.future().toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("relay " + url + " sent no EOSE within " + timeoutMillis + " ms", e);
    } finally {
      synchronized (lock) {
        pending = null;
        sub = null;
      }
      if (!socket.isClosed()) {
        socket.writeTextMessage(new JsonArray().add("CLOSE").add(subId).encode());
      }
    }
  }

  private void onText(String text) {
    JsonArray a;
    try {
      a = new JsonArray(text);
    } catch (RuntimeException e) {
      return; // unreadable frames are not part of any page; the relay's NOTICE/AUTH chatter is ignored too
    }
    String label = a.size() > 1 && a.getValue(0) instanceof String s ? s : "";
    Object subId = a.getValue(1);
    Promise<List<String>> done = null;
    List<String> page = null;
    String closedReason = null;
    synchronized (lock) {
      if (sub == null || !sub.equals(subId)) {
        return;
      }
      switch (label) {
        case "EVENT" -> frames.add(text);
        case "EOSE" -> {
          done = pending;
          page = frames;
        }
        case "CLOSED" -> {
          done = pending;
          closedReason = a.size() > 2 ? String.valueOf(a.getValue(2)) : "";
        }
        default -> {
        }
      }
    }
    if (done != null && closedReason != null) {
      done.tryFail(new Refused("relay " + url + " refused the request: CLOSED " + closedReason));
    } else if (done != null) {
      done.tryComplete(page);
    }
  }

  private void fail(Throwable err) {
    Promise<List<String>> p;
    synchronized (lock) {
      p = pending;
    }
    if (p != null) {
      p.tryFail(err);
    }
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}

package dvmdash.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /api/stream}: server-sent events. Every message has an increasing id; the last {@link #HISTORY} are
 * kept so that a client reconnecting with {@code Last-Event-ID} receives what it missed. Keep-alive comments every
 * 15 s; concurrent streams are capped (503 beyond). Runs on the API verticle's event loop only.
 */
public final class StreamHandler implements Handler<RoutingContext> {

  static final int HISTORY = 1000;

  /** One sent message. */
  record Sent(long id, String event, String data) {
    String frame() {
      return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    }
  }

  private final int maxStreams;
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private final Deque<Sent> history = new ArrayDeque<>();
  private long nextId = 1;
  private long dropped;

  public StreamHandler(int maxStreams) {
    this.maxStreams = maxStreams;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (clients.size() >= maxStreams) {
      Replies.error(ctx, 503, "too many live streams (" + maxStreams + "); retry later");
      return;
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write("retry: 2000\n: connected\n\n");
    long lastId = parseId(ctx.request().getHeader("Last-Event-ID"));
    if (lastId > 0) {
      for (Sent s : history) {
        if (s.id() > lastId) {
          res.write(s.frame());
        }
      }
    }
    clients.add(res);
    long timer = ctx.vertx().setPeriodic(15_000, id -> {
      if (!res.ended() && !res.writeQueueFull()) {
        res.write(": keep-alive\n\n");
      }
    });
    Runnable close = () -> {
      clients.remove(res);
      ctx.vertx().cancelTimer(timer);
    };
    res.closeHandler(v -> close.run());
    res.endHandler(v -> close.run());
  }

  /** Sends a named event with a JSON payload to every client (slow clients skip it and catch up on reconnect). */
  public void broadcast(String event, JsonObject data) {
    Sent s = new Sent(nextId++, event, data.encode());
    history.addLast(s);
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    String frame = s.frame();
    for (HttpServerResponse res : clients) {
      if (res.writeQueueFull()) {
        dropped++;
      } else {
        res.write(frame);
      }
    }
  }

  public int clients() {
    return clients.size();
  }

  public long dropped() {
    return dropped;
  }

  private static long parseId(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

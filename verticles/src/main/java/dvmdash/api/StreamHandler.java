package dvmdash.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/stream}: server-sent events. Every message has an increasing id; the last {@link #HISTORY} are
 * kept so that a client reconnecting with {@code Last-Event-ID} receives what it missed. Keep-alive comments every
 * 15 s. Admission ({@link StreamAdmission}): streams per client address are capped (429 beyond); when all places
 * are taken a new client takes the place of the longest-stalled stream, else of the oldest (which reconnects with
 * {@code Last-Event-ID}); a stream whose write queue stays full is closed. Runs on its {@link OwnerLoop} only: the
 * route is confined to it, and the callbacks of a stream's connection (close, drain), which Vert.x calls on the loop
 * that serves the connection, are handed to it.
 */
public final class StreamHandler implements Handler<RoutingContext> {

  static final int HISTORY = 1000;

  /** One sent message, its JSON (for the clients' filters) and its SSE frame (built once, written to every client). */
  record Sent(long id, String event, String data, JsonObject json, String frame) {
    Sent(long id, String event, JsonObject json) {
      this(id, event, json.encode(), json, null);
    }

    Sent {
      if (frame == null) {
        frame = "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
      }
    }
  }

  /** A connected client, what it follows and the id of the last message written (or skipped) for it. */
  private static final class Client {
    final HttpServerResponse res;
    final StreamFilter filter;
    long lastSent;
    boolean waiting;

    Client(HttpServerResponse res, StreamFilter filter, long lastSent) {
      this.res = res;
      this.filter = filter;
      this.lastSent = lastSent;
    }
  }

  private final int maxStreams;
  private final int maxPerClient;
  private final ClientAddress addresses;
  private final LongSupplier clock;
  private final OwnerLoop owner;
  private final StreamAdmission<HttpServerResponse> admission;
  private final Map<HttpServerResponse, Client> clients = new LinkedHashMap<>();
  private final Deque<Sent> history = new ArrayDeque<>();
  private long nextId = 1;
  private long dropped;
  private long stalledClosed;
  private long evicted;
  private long refusedPerClient;

  public StreamHandler(int maxStreams) {
    this(maxStreams, Integer.MAX_VALUE, DEFAULT_STALL_MILLIS, new ClientAddress(List.of()), System::currentTimeMillis);
  }

  public StreamHandler(int maxStreams, int maxPerClient, long stallMillis, ClientAddress addresses,
                       LongSupplier clock) {
    this(maxStreams, maxPerClient, stallMillis, addresses, clock, OwnerLoop.INLINE);
  }

  public StreamHandler(int maxStreams, int maxPerClient, long stallMillis, ClientAddress addresses,
                       LongSupplier clock, OwnerLoop owner) {
    this.owner = owner;
    this.maxStreams = maxStreams;
    this.maxPerClient = maxPerClient;
    this.addresses = addresses;
    this.clock = clock;
    this.admission = new StreamAdmission<>(maxStreams, maxPerClient, stallMillis);
  }

  /** How long a stream's write queue may stay full before the stream is closed. */
  public static final long DEFAULT_STALL_MILLIS = 30_000;

  @Override
  public void handle(RoutingContext ctx) {
    StreamFilter filter;
    try {
      filter = StreamFilter.of(ctx);
    } catch (BadRequestException e) {
      Replies.fail(ctx, e);
      return;
    }
    closeOverdue();
    String address = addresses.of(ctx.request());
    StreamAdmission.Decision<HttpServerResponse> d = admission.decide(address);
    switch (d.verdict()) {
      case REFUSE_PER_CLIENT -> {
        refusedPerClient++;
        Replies.error(ctx, 429, "too many live streams from your address (" + maxPerClient + "); close one and retry");
        return;
      }
      case ADMIT_AFTER_EVICTION -> {
        evicted++;
        drop(d.evict());
      }
      default -> {
      }
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write("retry: 2000\n: connected\n\n");
    long lastId = parseId(ctx.request().getHeader("Last-Event-ID"));
    // a reconnect resumes after Last-Event-ID, or from the oldest message kept when it missed more than the history
    Sent oldest = history.peekFirst();
    long resume = lastId <= 0 ? nextId - 1 : Math.min(lastId, nextId - 1);
    Client c = new Client(res, filter, oldest == null ? resume : Math.max(resume, oldest.id() - 1));
    clients.put(res, c);
    admission.add(res, address);
    catchUp(c);
    long timer = ctx.vertx().setPeriodic(15_000, id -> {
      if (res.ended()) {
        return;
      }
      if (res.writeQueueFull()) {
        admission.stalled(res, clock.getAsLong());
        closeOverdue();
      } else {
        res.write(": keep-alive\n\n");
      }
    });
    Runnable close = () -> {
      clients.remove(res);
      admission.remove(res);
      ctx.vertx().cancelTimer(timer);
    };
    res.closeHandler(v -> owner.run(close));
    res.endHandler(v -> owner.run(close));
    if (res.closed()) {
      // closed on its own loop before the handlers were set here
      close.run();
    }
  }

  /**
   * Sends a named event with a JSON payload to every client. A client whose connection cannot take more right now
   * gets the messages it missed from the history when it drains; one that falls behind the whole history is
   * disconnected (counted in {@link #dropped()}), and its browser reconnects and reloads.
   */
  public void broadcast(String event, JsonObject data) {
    broadcast(event, List.of(data));
  }

  /**
   * Sends several events of one name at once: every client gets them in one write (a committed batch's jobs to
   * hundreds of streams would otherwise cost hundreds of writes each and hold the event loop for seconds).
   */
  public void broadcast(String event, List<JsonObject> data) {
    if (data.isEmpty()) {
      return;
    }
    for (JsonObject d : data) {
      history.addLast(new Sent(nextId++, event, d));
      if (history.size() > HISTORY) {
        history.removeFirst();
      }
    }
    for (Client c : List.copyOf(clients.values())) {
      catchUp(c);
    }
    closeOverdue();
  }

  /** Closes the streams whose write queue stayed full too long (slow consumers; they reconnect and catch up). */
  private void closeOverdue() {
    for (HttpServerResponse res : admission.overdue(clock.getAsLong())) {
      stalledClosed++;
      drop(res);
    }
  }

  private void drop(HttpServerResponse res) {
    clients.remove(res);
    admission.remove(res);
    res.reset();
  }

  /**
   * Writes what the client has not received yet in one write; when its write queue is full it waits for the drain
   * (and counts as stalled meanwhile).
   */
  private void catchUp(Client c) {
    if (c.waiting || c.res.ended() || c.lastSent >= nextId - 1) {
      return;
    }
    Sent oldest = history.peekFirst();
    if (oldest == null || oldest.id() > c.lastSent + 1) {
      dropped++;
      drop(c.res);
      return;
    }
    if (c.res.writeQueueFull()) {
      awaitDrain(c);
      return;
    }
    Deque<Sent> missed = new ArrayDeque<>();
    for (Iterator<Sent> it = history.descendingIterator(); it.hasNext(); ) {
      Sent s = it.next();
      if (s.id() <= c.lastSent) {
        break;
      }
      missed.addFirst(s);
    }
    StringBuilder out = new StringBuilder();
    for (Sent s : missed) {
      if (c.filter.accepts(s.event(), s.json())) {
        out.append(s.frame());
      }
    }
    if (out.length() > 0) {
      c.res.write(out.toString());
    }
    c.lastSent = missed.peekLast().id();
    if (c.res.writeQueueFull()) {
      awaitDrain(c);
    }
  }

  private void awaitDrain(Client c) {
    c.waiting = true;
    admission.stalled(c.res, clock.getAsLong());
    c.res.drainHandler(v -> owner.run(() -> {
      c.waiting = false;
      admission.drained(c.res);
      catchUp(c);
    }));
  }

  public int clients() {
    return clients.size();
  }

  /** Clients disconnected because they fell behind the whole history. */
  public long dropped() {
    return dropped;
  }

  /** Streams closed because their write queue stayed full ({@code http.stream_stall_seconds}). */
  public long stalledClosed() {
    return stalledClosed;
  }

  /** Streams closed (the longest stalled, else the oldest) to make room for a new client when every place was taken. */
  public long evicted() {
    return evicted;
  }

  public long refusedPerClient() {
    return refusedPerClient;
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

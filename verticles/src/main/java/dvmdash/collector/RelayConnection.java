package dvmdash.collector;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.RelayUrls;
import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to one relay: connects, subscribes (the DVM kinds, {@link MainSubscription}, plus kind-0 profiles of
 * known DVMs and of the requesters the API showed, {@link RequesterProfiles}), passes frames through the shared
 * {@link FrameHandler}, and delegates the rest: reconnecting with backoff ({@link Reconnects}), detecting half-open
 * sockets ({@link PingWatch}, a ping every {@link #PING_INTERVAL_MILLIS}), re-subscribing finer when the relay
 * refuses ({@link MainSubscription}), holding the cursor until the stored backlog is acknowledged
 * ({@link CursorHold}, with its progress saved meanwhile by {@link BacklogCheckpoints}), one-off lookups by id
 * ({@link RelayLookups}). A frame or fragmented message above the transport limit is counted as
 * {@link RejectReason#OVERSIZED_MESSAGE} and closes the connection without resetting the backoff. A bad frame never
 * closes the socket. Confined to the owning verticle's event loop.
 */
public final class RelayConnection {

  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);
  public static final long PING_INTERVAL_MILLIS = 45_000;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final String url;
  /** The URL as logged: credentials and query values masked ({@link RelayUrls#redact}). */
  private final String shown;
  private final FrameHandler frames;
  private final RelayStats stats;
  private final Supplier<List<String>> knownAuthors;
  private final Supplier<List<SubscriptionPlan.Req>> requesterProfiles;
  private final EventSink sink;
  private final BacklogCheckpoints backlog;
  private final Reconnects reconnects;
  private final PingWatch ping;
  private final MainSubscription main;
  private final CursorHold hold;
  private final RelayLookups lookups = new RelayLookups();
  private WebSocket ws;
  private WebSocket oversizedSocket;
  private boolean stopped;
  private boolean paused;

  public RelayConnection(Vertx vertx, WebSocketClient client, String url, CollectorConfig config, FrameHandler frames,
                         SubscriptionPlan plan, CursorStore cursors, Supplier<List<String>> knownAuthors,
                         EventSink sink, Backoff backoff) {
    this(vertx, client, url, config, frames, plan, cursors, knownAuthors, List::of, sink, backoff);
  }

  /** As above, also subscribing to the requester profiles {@code requesterProfiles} yields on every connect. */
  public RelayConnection(Vertx vertx, WebSocketClient client, String url, CollectorConfig config, FrameHandler frames,
                         SubscriptionPlan plan, CursorStore cursors, Supplier<List<String>> knownAuthors,
                         Supplier<List<SubscriptionPlan.Req>> requesterProfiles, EventSink sink, Backoff backoff) {
    this.vertx = vertx;
    this.requesterProfiles = requesterProfiles;
    this.client = client;
    this.url = url;
    this.shown = RelayUrls.redact(url);
    this.frames = frames;
    this.stats = frames.stats(url);
    this.knownAuthors = knownAuthors;
    this.sink = sink;
    this.backlog = new BacklogCheckpoints(url, cursors, sink, config.backlogCheckpointEvents(),
        config.resumeSkewSeconds());
    this.reconnects = new Reconnects(vertx, backoff, config.healthyResetMillis(), stats, shown);
    this.ping = new PingWatch(vertx, PING_INTERVAL_MILLIS, stats, shown);
    this.main = new MainSubscription(vertx, url, shown, config, plan, cursors, backlog, stats, this::write);
    this.hold = new CursorHold(url, cursors, sink, backlog);
  }

  public String url() {
    return url;
  }

  public RelayStats stats() {
    return stats;
  }

  public SubscriptionPlan plan() {
    return main.plan();
  }

  public boolean isOpen() {
    return ws != null;
  }

  public void start() {
    connect();
  }

  private void connect() {
    reconnects.attempting();
    if (stopped) {
      return;
    }
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(url))
        .onSuccess(this::opened)
        .onFailure(err -> {
          stats.error("connect: " + err.getMessage());
          log.warn("Cannot connect to {}: {}", shown, err.getMessage());
          scheduleReconnect();
        });
  }

  private void opened(WebSocket socket) {
    if (stopped) {
      socket.close();
      return;
    }
    ws = socket;
    hold.connected();
    stats.connected(true);
    log.info("Connected to {}", shown);
    socket.textMessageHandler(this::onText);
    socket.exceptionHandler(err -> {
      if (err instanceof HttpClosedException) {
        log.debug("WebSocket to {} closed: {}", shown, err.getMessage());
        return;
      }
      if (TransportErrors.isOversized(err)) {
        oversized(socket, err);
        return;
      }
      stats.error(err.toString());
      log.warn("WebSocket error on {}: {}", shown, err.toString());
    });
    socket.closeHandler(v -> closed(socket));
    if (paused) {
      socket.pause();
    }
    backlog.connected(main.plan()).forEach(req -> write(req.toFrame()));
    main.subscribe();
    for (SubscriptionPlan.Req req : SubscriptionPlan.profileRequests(knownAuthors.get(), 0)) {
      write(req.toFrame());
    }
    requesterProfiles.get().forEach(req -> write(req.toFrame()));
    reconnects.connected();
    ping.start(socket, () -> paused);
  }

  /**
   * A frame or a fragmented message above the transport limit: counted, and the connection is closed without ever
   * resetting the backoff, so a relay that keeps sending them is retried less and less often.
   */
  private void oversized(WebSocket socket, Throwable err) {
    if (ws != socket || oversizedSocket == socket) {
      return;
    }
    oversizedSocket = socket;
    stats.rejected(RejectReason.OVERSIZED_MESSAGE);
    stats.error("message above the transport limit: " + err.getMessage());
    log.warn("{} sent a message above the transport limit ({}); closing", shown, err.getMessage());
    reconnects.unhealthy();
    socket.close((short) 1009, "message too big");
  }

  private void closed(WebSocket socket) {
    if (ws != socket) {
      return;
    }
    ws = null;
    stats.connected(false);
    cancelTimers();
    backlog.disconnected();
    log.info("Disconnected from {} (code {}, reason {})", shown, socket.closeStatusCode(), socket.closeReason());
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (!stopped) {
      reconnects.schedule(this::connect);
    }
  }

  private void onText(String text) {
    ping.inbound();
    Outcome o = frames.handle(url, text, System.currentTimeMillis());
    switch (o.type()) {
      case ACCEPTED:
        main.streamed(o.subId());
        sink.accept(o.received());
        backlog.event(o.subId(), o.received().event().createdAt());
        break;
      case DUPLICATE:
        main.streamed(o.subId());
        if (o.received() != null) {
          sink.accept(o.received());
        }
        break;
      case REJECTED:
        log.debug("Rejected a frame from {}: {} ({})", shown, o.reason().label(), o.message());
        break;
      case EOSE:
        onEose(o.subId());
        break;
      case CLOSED:
        if (!lookups.finished(o.subId())) {
          main.closed(o.subId(), o.message());
        }
        break;
      case NOTICE:
        main.notice(o.message());
        break;
      case AUTH:
        log.info("{} asks for AUTH (not supported); continuing unauthenticated", shown);
        break;
      default:
        break;
    }
  }

  private void onEose(String subId) {
    if (lookups.finished(subId) || backlog.gapEose(subId)) {
      write(new SubscriptionPlan.Req(subId, List.of()).closeFrame());
      return;
    }
    stats.eose();
    backlog.eose(subId);
    if (main.eose(subId)) {
      hold.backlogReceived(() -> ws != null);
    }
  }

  /** Sends kind-0 REQs covering the known authors from {@code fromIndex} on, when connected. */
  public void authorsAdded(int fromIndex) {
    if (ws == null) {
      return;
    }
    for (SubscriptionPlan.Req req : SubscriptionPlan.profileRequests(knownAuthors.get(), fromIndex)) {
      write(req.toFrame());
    }
  }

  /** Sends requester kind-0 REQs (a changed chunk replaces its subscription), when connected. */
  public void requestersChanged(List<SubscriptionPlan.Req> reqs) {
    if (ws == null) {
      return;
    }
    reqs.forEach(req -> write(req.toFrame()));
  }

  /**
   * Asks this relay for one event by id ({@code {"ids":[id]}}); completes at its EOSE or CLOSED, or after
   * {@code timeoutMs}. A found event arrives as an EVENT frame and goes through the normal checks and pipeline.
   */
  public Future<Void> lookup(String id, long timeoutMs) {
    if (ws == null || ws.isClosed()) {
      return Future.succeededFuture();
    }
    RelayLookups.Pending p = lookups.start();
    write(new SubscriptionPlan.Req(p.subId(), List.of(new JsonObject().put("ids", new JsonArray().add(id))))
        .toFrame());
    vertx.setTimer(timeoutMs, t -> lookups.finished(p.subId()));
    return p.done();
  }

  /** Sends an already validated {@code ["EVENT", …]} frame when connected; true when written. */
  public boolean publish(String eventFrame) {
    if (ws == null || ws.isClosed()) {
      return false;
    }
    write(eventFrame);
    return true;
  }

  public void pause() {
    paused = true;
    stats.paused(true);
    if (ws != null) {
      ws.pause();
    }
  }

  public void resume() {
    paused = false;
    stats.paused(false);
    if (ws != null) {
      ws.resume();
    }
  }

  public Future<Void> stop() {
    stopped = true;
    cancelTimers();
    reconnects.cancel();
    WebSocket socket = ws;
    ws = null;
    stats.connected(false);
    return socket == null ? Future.succeededFuture() : socket.close().recover(e -> Future.succeededFuture());
  }

  private void cancelTimers() {
    main.cancel();
    reconnects.unhealthy();
    ping.stop();
  }

  private void write(String frame) {
    WebSocket socket = ws;
    if (socket == null) {
      return;
    }
    socket.writeTextMessage(frame)
        .onFailure(err -> log.warn("Cannot write to {}: {}", shown, err.getMessage()));
  }
}

package dvmdash.collector;

import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.RelayUrls;
import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to one relay: connects, subscribes (DVM kinds with {@code since = cursor − skew}, plus kind-0 profiles of
 * known DVMs and of the requesters the API showed, {@link RequesterProfiles}), passes frames through the shared {@link FrameHandler}, and reconnects with {@link Backoff} after a close,
 * an error or a failed connect; never on a fixed schedule. The backoff resets only after a connection stayed up for
 * {@code healthy_reset_millis} (an EOSE does not reset it), so a relay that drops every few seconds is retried less
 * and less often. A frame or fragmented message above the transport limit is counted as
 * {@link RejectReason#OVERSIZED_MESSAGE} and closes the connection without resetting the backoff. When the relay
 * refuses the DVM-kinds subscription (CLOSED, a NOTICE about filters, or no EOSE and no stored event in time) it
 * re-subscribes with the next finer {@link SubscriptionPlan}; a backlog still streaming is waited for. NOTICE and
 * CLOSED frames are counted, and logged at most {@value #LOGGED_NOTICES_PER_MINUTE} a minute. A bad frame
 * never closes the socket. A ping every {@link #PING_INTERVAL_MILLIS} detects half-open sockets (no inbound traffic for
 * two intervals closes and reconnects). Cursor advances are held from connect until the stored backlog (up to EOSE)
 * has been acknowledged; meanwhile its progress is saved ({@link BacklogCheckpoints}). Confined to the owning
 * verticle's event loop.
 */
public final class RelayConnection {

  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);
  public static final long PING_INTERVAL_MILLIS = 45_000;
  /** NOTICE and CLOSED frames a relay may put in the log per minute; the rest are only counted. */
  static final int LOGGED_NOTICES_PER_MINUTE = 5;
  private static final Pattern FILTER_NOTICE =
      Pattern.compile("filter|kinds|too many|too large|too long|too big", Pattern.CASE_INSENSITIVE);

  private final Vertx vertx;
  private final WebSocketClient client;
  private final String url;
  /** The URL as logged: credentials and query values masked ({@link RelayUrls#redact}). */
  private final String shown;
  private final CollectorConfig config;
  private final FrameHandler frames;
  private final RelayStats stats;
  private final CursorStore cursors;
  private final Supplier<List<String>> knownAuthors;
  private final Supplier<List<SubscriptionPlan.Req>> requesterProfiles;
  private final EventSink sink;
  private final Backoff backoff;
  private SubscriptionPlan plan;
  private final Set<String> mainSubs = new LinkedHashSet<>();
  private final Set<String> awaitingEose = new LinkedHashSet<>();
  private WebSocket ws;
  private boolean stopped;
  private boolean paused;
  private long reconnectTimer = -1;
  private long eoseTimer = -1;
  private long stableTimer = -1;
  private final RelayLookups lookups = new RelayLookups();
  private long pingTimer = -1;
  private long lastInboundMillis;
  private int session;
  private long backlogEvents;
  private final LogBudget relayLog = new LogBudget(LOGGED_NOTICES_PER_MINUTE, 60_000);
  private final BacklogCheckpoints backlog;
  private int oversizedSession = -1;

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
    this.config = config;
    this.frames = frames;
    this.stats = frames.stats(url);
    this.plan = plan;
    this.cursors = cursors;
    this.knownAuthors = knownAuthors;
    this.sink = sink;
    this.backoff = backoff;
    this.backlog = new BacklogCheckpoints(url, cursors, sink, config.backlogCheckpointEvents(),
        config.resumeSkewSeconds());
  }

  public String url() {
    return url;
  }

  public RelayStats stats() {
    return stats;
  }

  public SubscriptionPlan plan() {
    return plan;
  }

  public boolean isOpen() {
    return ws != null;
  }

  public void start() {
    connect();
  }

  private void connect() {
    reconnectTimer = -1;
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
    session++;
    cursors.hold(url);
    stats.connected(true);
    log.info("Connected to {}", shown);
    lastInboundMillis = System.currentTimeMillis();
    socket.textMessageHandler(this::onText);
    socket.pongHandler(b -> lastInboundMillis = System.currentTimeMillis());
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
    backlog.connected(plan).forEach(req -> write(req.toFrame()));
    subscribeMain();
    for (SubscriptionPlan.Req req : SubscriptionPlan.profileRequests(knownAuthors.get(), 0)) {
      write(req.toFrame());
    }
    requesterProfiles.get().forEach(req -> write(req.toFrame()));
    stableTimer = vertx.setTimer(config.healthyResetMillis(), id -> {
      stableTimer = -1;
      backoff.reset();
    });
    pingTimer = vertx.setPeriodic(PING_INTERVAL_MILLIS, id -> checkAlive(socket));
  }

  private void checkAlive(WebSocket socket) {
    long now = System.currentTimeMillis();
    if (paused) {
      lastInboundMillis = now;
      return;
    }
    if (now - lastInboundMillis > 2 * PING_INTERVAL_MILLIS) {
      stats.error("no traffic for " + (now - lastInboundMillis) + " ms");
      log.warn("No traffic from {} for {} ms; closing to reconnect", shown, now - lastInboundMillis);
      socket.close();
      return;
    }
    socket.writePing(Buffer.buffer("dvmdash"))
        .onFailure(err -> log.debug("Ping to {} failed: {}", shown, err.getMessage()));
  }

  /**
   * A frame or a fragmented message above the transport limit: counted, and the connection is closed without ever
   * resetting the backoff, so a relay that keeps sending them is retried less and less often.
   */
  private void oversized(WebSocket socket, Throwable err) {
    if (ws != socket || oversizedSession == session) {
      return;
    }
    oversizedSession = session;
    stats.rejected(RejectReason.OVERSIZED_MESSAGE);
    stats.error("message above the transport limit: " + err.getMessage());
    log.warn("{} sent a message above the transport limit ({}); closing", shown, err.getMessage());
    if (stableTimer >= 0) {
      vertx.cancelTimer(stableTimer);
      stableTimer = -1;
    }
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
    if (stopped || reconnectTimer >= 0) {
      return;
    }
    long delay = backoff.nextDelayMillis();
    stats.reconnecting();
    log.info("Reconnecting to {} in {} ms", shown, delay);
    reconnectTimer = vertx.setTimer(delay, id -> connect());
  }

  private void subscribeMain() {
    Long since = cursors.since(url, config.resumeSkewSeconds());
    List<SubscriptionPlan.Req> reqs = plan.mainRequests(since);
    mainSubs.clear();
    awaitingEose.clear();
    for (SubscriptionPlan.Req req : reqs) {
      mainSubs.add(req.subId());
      awaitingEose.add(req.subId());
      write(req.toFrame());
    }
    backlog.subscribed(since, mainSubs);
    armEoseTimer();
  }

  /**
   * Waits {@code eose_timeout_millis} for the EOSE of the main subscriptions. Stored events still arriving for them
   * mean the relay is streaming a large backlog, not refusing: wait another period instead of splitting. Only a
   * period without any of them (silence) counts as a refusal.
   */
  private void armEoseTimer() {
    if (eoseTimer >= 0) {
      vertx.cancelTimer(eoseTimer);
    }
    long seenAtArm = backlogEvents;
    eoseTimer = vertx.setTimer(config.eoseTimeoutMillis(), id -> {
      eoseTimer = -1;
      if (awaitingEose.isEmpty()) {
        return;
      }
      if (backlogEvents > seenAtArm) {
        log.debug("{} still streaming its backlog ({} events so far); waiting for EOSE", shown, backlogEvents);
        armEoseTimer();
      } else {
        split("no EOSE within " + config.eoseTimeoutMillis() + " ms");
      }
    });
  }

  private void onText(String text) {
    lastInboundMillis = System.currentTimeMillis();
    Outcome o = frames.handle(url, text, System.currentTimeMillis());
    switch (o.type()) {
      case ACCEPTED:
        streamed(o.subId());
        sink.accept(o.received());
        backlog.event(o.subId(), o.received().event().createdAt());
        break;
      case DUPLICATE:
        streamed(o.subId());
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
        onClosed(o.subId(), o.message());
        break;
      case NOTICE:
        onNotice(o.message());
        break;
      case AUTH:
        log.info("{} asks for AUTH (not supported); continuing unauthenticated", shown);
        break;
      default:
        break;
    }
  }

  private void streamed(String subId) {
    if (awaitingEose.contains(subId)) {
      backlogEvents++;
    }
  }

  private void onEose(String subId) {
    if (lookups.finished(subId) || backlog.gapEose(subId)) {
      write(new SubscriptionPlan.Req(subId, List.of()).closeFrame());
      return;
    }
    stats.eose();
    backlog.eose(subId);
    if (awaitingEose.remove(subId) && awaitingEose.isEmpty()) {
      if (eoseTimer >= 0) {
        vertx.cancelTimer(eoseTimer);
        eoseTimer = -1;
      }
      int backlogSession = session;
      sink.whenAcknowledged(() -> {
        if (backlogSession == session && ws != null) {
          backlog.mainStored();
          cursors.release(url);
        }
      });
    }
  }

  private void onClosed(String subId, String message) {
    if (lookups.finished(subId)) {
      return;
    }
    String msg = message == null ? "" : message;
    stats.closedFrame();
    stats.error("CLOSED " + subId + ": " + LogBudget.shorten(msg));
    long left = relayLog.take(System.currentTimeMillis());
    if (left != LogBudget.SUPPRESS) {
      log.warn("{} closed subscription {}: {}{}", shown, LogBudget.shorten(subId), LogBudget.shorten(msg), LogBudget.suppressedNote(left));
    }
    if (!mainSubs.contains(subId)) {
      return;
    }
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.startsWith("auth-required:") || lower.startsWith("restricted:") || lower.startsWith("blocked:")) {
      return;
    }
    split("CLOSED " + msg);
  }

  private void onNotice(String message) {
    String msg = message == null ? "" : message;
    stats.notice();
    long left = relayLog.take(System.currentTimeMillis());
    if (left != LogBudget.SUPPRESS) {
      log.info("NOTICE from {}: {}{}", shown, LogBudget.shorten(msg), LogBudget.suppressedNote(left));
    }
    if (!awaitingEose.isEmpty() && FILTER_NOTICE.matcher(msg).find()) {
      stats.error("NOTICE: " + LogBudget.shorten(msg));
      split("NOTICE " + msg);
    }
  }

  private void split(String why) {
    Optional<SubscriptionPlan> next = plan.split();
    if (next.isEmpty()) {
      if (relayLog.take(System.currentTimeMillis()) != LogBudget.SUPPRESS) {
        log.warn("{} refused the subscription ({}) and it cannot be split further: {}", shown, LogBudget.shorten(why), plan);
      }
      return;
    }
    log.info("{} refused the subscription ({}); re-subscribing with {}", shown, LogBudget.shorten(why), next.get());
    for (String sub : new ArrayList<>(mainSubs)) {
      write(new SubscriptionPlan.Req(sub, List.of()).closeFrame());
    }
    plan = next.get();
    subscribeMain();
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
    write(new SubscriptionPlan.Req(p.subId(), List.of(new io.vertx.core.json.JsonObject()
        .put("ids", new io.vertx.core.json.JsonArray().add(id)))).toFrame());
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
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
    WebSocket socket = ws;
    ws = null;
    stats.connected(false);
    return socket == null ? Future.succeededFuture() : socket.close().recover(e -> Future.succeededFuture());
  }

  private void cancelTimers() {
    if (eoseTimer >= 0) {
      vertx.cancelTimer(eoseTimer);
      eoseTimer = -1;
    }
    if (stableTimer >= 0) {
      vertx.cancelTimer(stableTimer);
      stableTimer = -1;
    }
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
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

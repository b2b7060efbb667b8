package dvmdash.collector;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects a half-open socket to one relay: a ping every interval; no inbound traffic (frames or pongs) for two
 * intervals closes the socket, so the connection reconnects. A socket paused for flow control counts as alive.
 * Confined to the connection's event loop.
 */
final class PingWatch {

  /** Logged under the connection's name: one relay's lines stay together. */
  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);

  /** What a check finds. */
  enum Verdict { PAUSED, ALIVE, SILENT }

  private final Vertx vertx;
  private final long intervalMillis;
  private final RelayStats stats;
  private final String shown;
  private long timer = -1;
  private long lastInboundMillis;

  /** {@code shown}: the relay URL as logged. */
  PingWatch(Vertx vertx, long intervalMillis, RelayStats stats, String shown) {
    this.vertx = vertx;
    this.intervalMillis = intervalMillis;
    this.stats = stats;
    this.shown = shown;
  }

  /** Watches a newly opened socket. */
  void start(WebSocket socket, BooleanSupplier paused) {
    lastInboundMillis = System.currentTimeMillis();
    socket.pongHandler(b -> inbound());
    timer = vertx.setPeriodic(intervalMillis, id -> check(socket, paused.getAsBoolean()));
  }

  /** Something arrived from the relay. */
  void inbound() {
    lastInboundMillis = System.currentTimeMillis();
  }

  private void check(WebSocket socket, boolean paused) {
    long now = System.currentTimeMillis();
    switch (verdict(now, paused)) {
      case PAUSED:
        lastInboundMillis = now;
        break;
      case SILENT:
        stats.error("no traffic for " + (now - lastInboundMillis) + " ms");
        log.warn("No traffic from {} for {} ms; closing to reconnect", shown, now - lastInboundMillis);
        socket.close();
        break;
      default:
        socket.writePing(Buffer.buffer("dvmdash"))
            .onFailure(err -> log.debug("Ping to {} failed: {}", shown, err.getMessage()));
    }
  }

  /** The check at {@code nowMillis}: paused, alive (ping again), or silent for more than two intervals. */
  Verdict verdict(long nowMillis, boolean paused) {
    if (paused) {
      return Verdict.PAUSED;
    }
    return nowMillis - lastInboundMillis > 2 * intervalMillis ? Verdict.SILENT : Verdict.ALIVE;
  }

  /** The socket closed or the connection stops. */
  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}

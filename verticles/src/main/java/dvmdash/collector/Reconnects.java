package dvmdash.collector;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one relay's connection is tried again: after a close, an error or a failed connect, after the {@link Backoff}'s
 * next delay, never on a fixed schedule. The backoff resets only once a connection stayed up for
 * {@code healthy_reset_millis} (an EOSE does not reset it), so a relay that drops every few seconds is retried less
 * and less often; a connection closed for misbehaving never resets it. Confined to the connection's event loop.
 */
final class Reconnects {

  /** Logged under the connection's name: one relay's lines stay together. */
  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);

  private final Vertx vertx;
  private final Backoff backoff;
  private final long healthyResetMillis;
  private final RelayStats stats;
  private final String shown;
  private long reconnectTimer = -1;
  private long stableTimer = -1;

  /** {@code shown}: the relay URL as logged. */
  Reconnects(Vertx vertx, Backoff backoff, long healthyResetMillis, RelayStats stats, String shown) {
    this.vertx = vertx;
    this.backoff = backoff;
    this.healthyResetMillis = healthyResetMillis;
    this.stats = stats;
    this.shown = shown;
  }

  /** A connect attempt starts (the scheduled one, or the first). */
  void attempting() {
    reconnectTimer = -1;
  }

  /** Connected: the backoff resets if the connection stays up for {@code healthy_reset_millis}. */
  void connected() {
    stableTimer = vertx.setTimer(healthyResetMillis, id -> {
      stableTimer = -1;
      backoff.reset();
    });
  }

  /** The connection is closed for misbehaving, or closed: it no longer counts towards a reset. */
  void unhealthy() {
    if (stableTimer >= 0) {
      vertx.cancelTimer(stableTimer);
      stableTimer = -1;
    }
  }

  /** Runs {@code connect} after the backoff's next delay, unless a reconnect is already scheduled. */
  void schedule(Runnable connect) {
    if (reconnectTimer >= 0) {
      return;
    }
    long delay = backoff.nextDelayMillis();
    stats.reconnecting();
    log.info("Reconnecting to {} in {} ms", shown, delay);
    reconnectTimer = vertx.setTimer(delay, id -> connect.run());
  }

  /** Stops: nothing scheduled runs any more. */
  void cancel() {
    unhealthy();
    if (reconnectTimer >= 0) {
      vertx.cancelTimer(reconnectTimer);
      reconnectTimer = -1;
    }
  }
}

package dvmdash.collector;

import dvmdash.shared.nostr.RejectReason;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/** Counters and state of one relay connection. Confined to the collector verticle's event loop. */
public final class RelayStats {

  private final String url;
  private final Map<RejectReason, Long> invalidByReason = new EnumMap<>(RejectReason.class);
  private boolean connected;
  private boolean paused;
  private long events;
  private long duplicates;
  private long invalid;
  private long lastEventAtMillis;
  private String lastError;
  private long reconnects;
  private long eoseReceived;
  private long notices;
  private long closedFrames;

  public RelayStats(String url) {
    this.url = url;
  }

  public String url() {
    return url;
  }

  public void accepted(long nowMillis) {
    events++;
    lastEventAtMillis = nowMillis;
  }

  public void duplicate() {
    duplicates++;
  }

  public void rejected(RejectReason reason) {
    invalid++;
    invalidByReason.merge(reason, 1L, Long::sum);
  }

  public void connected(boolean up) {
    connected = up;
  }

  public void paused(boolean p) {
    paused = p;
  }

  public void reconnecting() {
    reconnects++;
  }

  public void eose() {
    eoseReceived++;
  }

  public void notice() {
    notices++;
  }

  public void closedFrame() {
    closedFrames++;
  }

  public long notices() {
    return notices;
  }

  public long closedFrames() {
    return closedFrames;
  }

  public void error(String message) {
    lastError = message;
  }

  public boolean isConnected() {
    return connected;
  }

  public long events() {
    return events;
  }

  public long duplicates() {
    return duplicates;
  }

  public long invalid() {
    return invalid;
  }

  public long invalid(RejectReason reason) {
    return invalidByReason.getOrDefault(reason, 0L);
  }

  public long reconnects() {
    return reconnects;
  }

  public long eoseReceived() {
    return eoseReceived;
  }

  public String lastError() {
    return lastError;
  }

  /** The status object served on {@code Addresses.RELAYS_STATUS}. */
  public JsonObject toJson() {
    JsonObject byReason = new JsonObject();
    for (RejectReason r : RejectReason.values()) {
      byReason.put(r.label(), invalidByReason.getOrDefault(r, 0L));
    }
    return new JsonObject()
        .put("url", url)
        .put("connected", connected)
        .put("paused", paused)
        .put("events", events)
        .put("invalid", invalid)
        .put("invalid_by_reason", byReason)
        .put("duplicates", duplicates)
        .put("last_event_at", lastEventAtMillis == 0 ? null : lastEventAtMillis / 1000)
        .put("last_error", lastError)
        .put("reconnects", reconnects)
        .put("eose_received", eoseReceived)
        .put("notices", notices)
        .put("closed", closedFrames);
  }
}

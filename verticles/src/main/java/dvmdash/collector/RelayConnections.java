package dvmdash.collector;

import dvmdash.shared.nostr.AnnouncedRelays;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The collector's connections, one per relay, addressed as one: their status (with each relay's activity mark),
 * publishing and by-id lookups on every relay, new authors and requesters, flow control from the forwarder, start and
 * stop. Confined to the collector's event loop.
 */
final class RelayConnections {

  private final List<RelayConnection> connections = new ArrayList<>();
  private final Set<String> high;

  /** {@code high}: the relay URLs marked high activity. */
  RelayConnections(Set<String> high) {
    this.high = Set.copyOf(high);
  }

  void add(RelayConnection connection) {
    connections.add(connection);
  }

  boolean isHigh(String url) {
    return high.contains(url);
  }

  List<RelayStats> stats() {
    return connections.stream().map(RelayConnection::stats).toList();
  }

  /** Each relay's status ({@link RelayStats#toJson}) with its {@code activity}, in configuration order. */
  JsonArray status() {
    JsonArray out = new JsonArray();
    connections.forEach(c -> out.add(c.stats().toJson()
        .put("activity", (high.contains(c.stats().url()) ? RelayEntry.Activity.HIGH : RelayEntry.Activity.NORMAL)
            .label())));
    return out;
  }

  /** Sends a validated event to every connected relay; how many it was written to. */
  int publish(JsonObject event) {
    String frame = new JsonArray().add("EVENT").add(event).encode();
    int written = 0;
    for (RelayConnection c : connections) {
      written += c.publish(frame) ? 1 : 0;
    }
    return written;
  }

  /**
   * Sends a validated event to those of {@code urls} that are connected (compared normalized,
   * {@link AnnouncedRelays#normalize}); the URLs of {@code urls} it was written to.
   */
  JsonArray publishTo(JsonObject event, JsonArray urls) {
    String frame = new JsonArray().add("EVENT").add(event).encode();
    JsonArray written = new JsonArray();
    for (Object o : urls) {
      String wanted = AnnouncedRelays.normalize(String.valueOf(o)).orElse(null);
      for (RelayConnection c : connections) {
        if (wanted != null && wanted.equals(AnnouncedRelays.normalize(c.url()).orElse(null)) && c.publish(frame)) {
          written.add(o);
          break;
        }
      }
    }
    return written;
  }

  /** Asks every relay for one event by id; completes with the number of relays asked once all answered. */
  Future<Integer> lookup(String id, long timeoutMs) {
    List<Future<Void>> asked = new ArrayList<>();
    connections.forEach(c -> asked.add(c.lookup(id, timeoutMs)));
    return Future.join(asked).transform(ar -> Future.succeededFuture(asked.size()));
  }

  void authorsAdded(int fromIndex) {
    connections.forEach(c -> c.authorsAdded(fromIndex));
  }

  void requestersChanged(List<SubscriptionPlan.Req> reqs) {
    connections.forEach(c -> c.requestersChanged(reqs));
  }

  void pause() {
    connections.forEach(RelayConnection::pause);
  }

  void resume() {
    connections.forEach(RelayConnection::resume);
  }

  void start() {
    connections.forEach(RelayConnection::start);
  }

  /** Closes every connection; completes when all are closed. */
  Future<Void> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    connections.forEach(c -> closing.add(c.stop()));
    return Future.join(closing).mapEmpty();
  }
}

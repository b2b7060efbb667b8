package dvmdash.simulator;

import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NIP-01 relay for tests and demos: REQ (stored matches newest first, EOSE, then live), CLOSE, EVENT (verified,
 * stored, broadcast, answered with OK), NOTICE on unparsable frames, CLOSED when a filter lists more kinds than
 * allowed. Events are stored as pre-serialized text. Deploy it as a verticle; the public methods may be called from
 * any thread.
 */
public final class SimRelay extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(SimRelay.class);
  private static final int TRANSPORT_MAX_MESSAGE = 4 * 1024 * 1024;

  private final SimRelayOptions options;
  private final RelayStore store = new RelayStore();
  private final List<RelayEntry> initial;
  private final Set<RelayConnection> connections = new HashSet<>();
  private final List<Consumer<NostrEvent>> clientEventListeners = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int actualPort;

  public SimRelay(SimRelayOptions options, List<RelayEntry> initial) {
    this.options = options;
    this.initial = new ArrayList<>(initial);
  }

  @Override
  public Future<?> start() {
    for (RelayEntry e : initial) {
      store.add(e);
    }
    initial.clear();
    server = vertx.createHttpServer(new HttpServerOptions()
      .setMaxWebSocketMessageSize(TRANSPORT_MAX_MESSAGE)
      .setMaxWebSocketFrameSize(65_536));
    server.webSocketHandler(ws -> connections.add(new RelayConnection(this, ws)));
    server.requestHandler(req -> req.response()
      .putHeader("content-type", "application/nostr+json")
      .end("{\"name\":\"dvmdash-sim\",\"supported_nips\":[1,11,90]}"));
    return server.listen(options.port(), options.host())
      .onSuccess(s -> {
        actualPort = s.actualPort();
        log.info("simulated relay listening on {} with {} stored events", url(), store.size());
      });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int port() {
    return actualPort;
  }

  public String url() {
    return "ws://" + options.host() + ":" + actualPort;
  }

  /** Stores an event and sends it to matching live subscriptions. */
  public void publish(NostrEvent e) {
    publishEntry(RelayEntry.of(e));
  }

  /** Stores arbitrary event text (indexed leniently) and sends it to matching live subscriptions. */
  public void publishRaw(String eventJson) {
    publishEntry(RelayEntry.lenient(eventJson));
  }

  /** Stores an event without sending it live (as if the relay got it while nobody was subscribed). */
  public void storeOnly(NostrEvent e) {
    RelayEntry entry = RelayEntry.of(e);
    context.runOnContext(v -> store.add(entry));
  }

  /** Stores an entry and sends it to matching live subscriptions. */
  public void publishEntry(RelayEntry e) {
    context.runOnContext(v -> {
      store.add(e);
      for (RelayConnection c : connections) {
        c.deliver(e);
      }
    });
  }

  /** Sends a raw frame (for example malformed JSON) to every open connection. */
  public void injectFrame(String frame) {
    context.runOnContext(v -> {
      for (RelayConnection c : connections) {
        c.sendRaw(frame);
      }
    });
  }

  /** Called for every valid new event a client publishes (after it was stored and broadcast). */
  public void onClientEvent(Consumer<NostrEvent> listener) {
    clientEventListeners.add(listener);
  }

  SimRelayOptions options() {
    return options;
  }

  RelayStore store() {
    return store;
  }

  void removeConnection(RelayConnection c) {
    connections.remove(c);
  }

  /** Handles the event of a client EVENT frame and returns the OK frame. */
  String acceptClientEvent(Object rawEvent, int frameLength) {
    NostrEvent e;
    try {
      e = EventParser.fromJson(rawEvent);
    } catch (InvalidEventException ex) {
      return ok("", false, "invalid: " + ex.getMessage());
    }
    if (frameLength > options.maxEventBytes()) {
      return ok(e.id(), false, "invalid: event too large");
    }
    try {
      EventVerifier.verify(e);
    } catch (InvalidEventException ex) {
      return ok(e.id(), false, "invalid: " + ex.getMessage());
    }
    if (store.containsId(e.id())) {
      return ok(e.id(), true, "duplicate: already have this event");
    }
    RelayEntry entry = RelayEntry.of(e);
    store.add(entry);
    for (RelayConnection c : connections) {
      c.deliver(entry);
    }
    for (Consumer<NostrEvent> l : clientEventListeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        log.warn("client event listener failed for {}: {}", e.id(), ex.toString());
      }
    }
    return ok(e.id(), true, "");
  }

  private static String ok(String id, boolean accepted, String msg) {
    return new JsonArray().add("OK").add(id).add(accepted).add(msg).encode();
  }
}

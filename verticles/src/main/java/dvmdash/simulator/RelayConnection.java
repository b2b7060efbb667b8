package dvmdash.simulator;

import dvmdash.shared.nostr.EventWriter;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a {@link SimRelay}: its subscriptions and an ordered outbox drained with back-pressure,
 * so stored events, EOSE and later live events leave in that order even for millions of stored events.
 * Runs on the relay's event loop only.
 */
final class RelayConnection {

  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);
  private static final int MAX_SUB_ID_LENGTH = 64;

  private final SimRelay relay;
  private final ServerWebSocket ws;
  private final Map<String, Subscription> subs = new HashMap<>();
  private final ArrayDeque<Iterator<String>> outbox = new ArrayDeque<>();
  private boolean closed;

  RelayConnection(SimRelay relay, ServerWebSocket ws) {
    this.relay = relay;
    this.ws = ws;
    ws.textMessageHandler(this::onMessage);
    ws.closeHandler(v -> {
      closed = true;
      outbox.clear();
      relay.removeConnection(this);
    });
    ws.exceptionHandler(t -> log.debug("relay connection error: {}", t.toString()));
  }

  /** Sends a frame verbatim (after everything already queued). */
  void sendRaw(String frame) {
    enqueue(List.of(frame).iterator());
  }

  /** Offers a newly stored event to this connection's live subscriptions. */
  void deliver(RelayEntry e) {
    for (Subscription s : subs.values()) {
      if (s.matches(e)) {
        sendRaw(s.frame(e));
      }
    }
  }

  private void onMessage(String text) {
    JsonArray msg;
    try {
      msg = new JsonArray(text);
    } catch (DecodeException | ClassCastException e) {
      sendRaw(notice("error: could not parse frame as a JSON array"));
      return;
    }
    Object type = msg.size() > 0 ? msg.getValue(0) : null;
    if ("REQ".equals(type)) {
      onReq(msg);
    } else if ("CLOSE".equals(type)) {
      if (msg.getValue(1) instanceof String sub) {
        Subscription s = subs.remove(sub);
        if (s != null) {
          s.active = false;
        }
      }
    } else if ("EVENT".equals(type)) {
      sendRaw(relay.acceptClientEvent(msg.size() > 1 ? msg.getValue(1) : null, text.length()));
    } else {
      sendRaw(notice("error: unknown message type"));
    }
  }

  private void onReq(JsonArray msg) {
    if (!(msg.getValue(1) instanceof String sub) || sub.isEmpty() || sub.length() > MAX_SUB_ID_LENGTH) {
      sendRaw(notice("error: invalid subscription id"));
      return;
    }
    List<RelayFilter> filters = new ArrayList<>();
    try {
      for (int i = 2; i < msg.size(); i++) {
        filters.add(RelayFilter.parse(msg.getValue(i)));
      }
    } catch (IllegalArgumentException e) {
      sendRaw(closedFrame(sub, "error: " + e.getMessage()));
      return;
    }
    int max = relay.options().maxKindsPerFilter();
    for (RelayFilter f : filters) {
      if (max > 0 && f.kindCount() > max) {
        sendRaw(closedFrame(sub, "error: too many kinds in filter"));
        return;
      }
    }
    Subscription previous = subs.get(sub);
    if (previous != null) {
      previous.active = false;
    }
    Subscription s = new Subscription(sub, filters);
    subs.put(sub, s);
    List<RelayEntry> stored = relay.store().query(filters);
    enqueue(new StoredFrames(s, stored));
    enqueue(List.of(new JsonArray().add("EOSE").add(sub).encode()).iterator());
  }

  private void enqueue(Iterator<String> frames) {
    if (closed) {
      return;
    }
    outbox.add(frames);
    pump();
  }

  private void pump() {
    while (!closed && !outbox.isEmpty()) {
      if (ws.writeQueueFull()) {
        ws.drainHandler(v -> pump());
        return;
      }
      Iterator<String> head = outbox.peek();
      if (head.hasNext()) {
        ws.writeTextMessage(head.next());
      } else {
        outbox.poll();
      }
    }
  }

  private static String notice(String text) {
    return new JsonArray().add("NOTICE").add(text).encode();
  }

  private static String closedFrame(String sub, String text) {
    return new JsonArray().add("CLOSED").add(sub).add(text).encode();
  }

  /** One REQ's filters; inactive after CLOSE or replacement by a REQ with the same id. */
  private static final class Subscription {
    private final List<RelayFilter> filters;
    private final String prefix;
    private boolean active = true;

    Subscription(String id, List<RelayFilter> filters) {
      this.filters = filters;
      this.prefix = "[\"EVENT\"," + EventWriter.quote(id) + ",";
    }

    boolean matches(RelayEntry e) {
      if (!active) {
        return false;
      }
      for (RelayFilter f : filters) {
        if (f.matches(e)) {
          return true;
        }
      }
      return false;
    }

    String frame(RelayEntry e) {
      return prefix + e.json() + "]";
    }
  }

  /** Frames of a stored answer, built lazily; stops early when its subscription is closed. */
  private static final class StoredFrames implements Iterator<String> {
    private final Subscription sub;
    private final List<RelayEntry> entries;
    private int next;

    StoredFrames(Subscription sub, List<RelayEntry> entries) {
      this.sub = sub;
      this.entries = entries;
    }

    @Override
    public boolean hasNext() {
      return sub.active && next < entries.size();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return sub.frame(entries.get(next++));
    }
  }
}

package dvmdash.health;

import dvmdash.shared.nostr.EventParser;
import dvmdash.shared.nostr.EventVerifier;
import dvmdash.shared.nostr.InvalidEventException;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The recipient's DM inbox relays (NIP-17: its latest kind 10050 list, {@code relay} tags), asked of the given relays
 * over connections of their own: a REQ per relay, its events until EOSE or the timeout; only events with a valid
 * signature by the recipient count; at most {@link #MAX} ws/wss URLs. A relay that fails adds nothing.
 */
final class InboxRelays {

  public static final int MAX = 5;
  public static final int KIND = 10_050;

  private InboxRelays() {
  }

  static Future<List<String>> lookup(Vertx vertx, WebSocketClient client, List<String> relays, String pubkey,
                                     long timeoutMillis) {
    List<Future<NostrEvent>> asked = new ArrayList<>();
    for (String relay : relays) {
      asked.add(ask(vertx, client, relay, pubkey, timeoutMillis));
    }
    return Future.join(asked).transform(ar -> {
      NostrEvent newest = null;
      for (Future<NostrEvent> f : asked) {
        NostrEvent e = f.succeeded() ? f.result() : null;
        if (e != null && (newest == null || e.createdAt() > newest.createdAt())) {
          newest = e;
        }
      }
      return Future.succeededFuture(newest == null ? List.of() : urls(newest));
    });
  }

  /** The ws/wss URLs of a kind 10050 list, in order, without duplicates, at most {@link #MAX}. */
  static List<String> urls(NostrEvent list) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> t : list.tags()) {
      if (t.size() > 1 && "relay".equals(t.get(0)) && out.size() < MAX) {
        String u = t.get(1).trim();
        if ((u.startsWith("ws://") || u.startsWith("wss://")) && u.length() < 512) {
          out.add(u);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The newest valid 10050 of {@code pubkey} the relay holds, or null. */
  private static Future<NostrEvent> ask(Vertx vertx, WebSocketClient client, String relay, String pubkey,
                                       long timeoutMillis) {
    Promise<NostrEvent> done = Promise.promise();
    NostrEvent[] newest = new NostrEvent[1];
    long timer = vertx.setTimer(timeoutMillis, id -> done.tryComplete(newest[0]));
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(relay).setConnectTimeout(timeoutMillis))
        .onFailure(err -> done.tryFail(err))
        .onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            JsonArray a;
            try {
              a = new JsonArray(text);
            } catch (RuntimeException e) {
              return;
            }
            if (a.size() >= 3 && "EVENT".equals(a.getValue(0)) && "inbox".equals(a.getValue(1))) {
              try {
                NostrEvent e = EventParser.fromJson(a.getValue(2));
                EventVerifier.verify(e);
                if (e.kind() == KIND && e.pubkey().equals(pubkey)
                    && (newest[0] == null || e.createdAt() > newest[0].createdAt())) {
                  newest[0] = e;
                }
              } catch (InvalidEventException | RuntimeException e) {
                // not a valid list: ignored
              }
            } else if (a.size() >= 2 && ("EOSE".equals(a.getValue(0)) || "CLOSED".equals(a.getValue(0)))
                && "inbox".equals(a.getValue(1))) {
              done.tryComplete(newest[0]);
            }
          });
          ws.closeHandler(v -> done.tryComplete(newest[0]));
          ws.writeTextMessage(new JsonArray().add("REQ").add("inbox").add(new JsonObject()
              .put("kinds", new JsonArray().add(KIND)).put("authors", new JsonArray().add(pubkey)).put("limit", 1))
              .encode());
          done.future().onComplete(ar -> {
            if (!ws.isClosed()) {
              ws.close();
            }
          });
        });
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }
}

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
import io.vertx.core.net.SocketAddress;
import java.util.function.Predicate;

/**
 * Publishes one event to one relay over a connection of its own: connects, sends {@code ["EVENT", event]} and waits
 * for the relay's {@code ["OK", id, true, …]}; fails with the relay's reason (OK false), on a dropped connection or
 * after {@code timeoutMillis}; the connection is closed either way. {@link #sendAndAwait} also subscribes, before
 * publishing, for the answer to the event (a DVM's pong) and keeps the connection until it arrives or time is up.
 */
final class RelayPost {

  /** The subscription id of {@link #sendAndAwait}. */
  static final String ANSWER_SUB = "answer";

  /** What {@link #sendAndAwait} learns: the relay's OK, then the first answer (null when none came in time). */
  record Posted(Future<Void> accepted, Future<NostrEvent> answer) {
  }

  private RelayPost() {
  }

  static Future<Void> send(Vertx vertx, WebSocketClient client, String url, String eventId, String eventJson,
                           long timeoutMillis) {
    return post(vertx, client, url, null, eventId, eventJson, timeoutMillis, null, null, 0).accepted();
  }

  /**
   * Publishes like {@link #send} (to {@code server} when not null: the address vetted for {@code url}, so the name is
   * not resolved again) after a REQ for {@code filter}; the answer is the first event of that subscription with a
   * valid signature that {@code answers} accepts, within {@code answerMillis} of connecting.
   */
  static Posted sendAndAwait(Vertx vertx, WebSocketClient client, String url, SocketAddress server, String eventId,
                             String eventJson, long timeoutMillis, JsonObject filter, Predicate<NostrEvent> answers,
                             long answerMillis) {
    return post(vertx, client, url, server, eventId, eventJson, timeoutMillis, filter, answers, answerMillis);
  }

  private static Posted post(Vertx vertx, WebSocketClient client, String url, SocketAddress server, String eventId,
                             String eventJson, long timeoutMillis, JsonObject filter, Predicate<NostrEvent> answers,
                             long answerMillis) {
    Promise<Void> done = Promise.promise();
    Promise<NostrEvent> answer = Promise.promise();
    if (filter == null) {
      answer.complete();
    }
    long timer = vertx.setTimer(timeoutMillis, id -> done.tryFail("no OK within " + timeoutMillis + " ms"));
    long answerTimer = filter == null ? -1 : vertx.setTimer(Math.max(answerMillis, timeoutMillis),
        id -> answer.tryComplete());
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(url)
        .setConnectTimeout(timeoutMillis);
    if (server != null) {
      options.setServer(server);
    }
    client.connect(options)
        .onFailure(err -> {
          done.tryFail("cannot connect: " + err.getMessage());
          answer.tryComplete();
        })
        .onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            JsonArray a;
            try {
              a = new JsonArray(text);
            } catch (RuntimeException e) {
              return;
            }
            if (a.size() >= 3 && "OK".equals(a.getValue(0)) && eventId.equals(a.getValue(1))) {
              if (Boolean.TRUE.equals(a.getValue(2))) {
                done.tryComplete();
              } else {
                done.tryFail("refused: " + (a.size() > 3 ? a.getValue(3) : ""));
                answer.tryComplete();
              }
            } else if (filter != null && a.size() >= 3 && "EVENT".equals(a.getValue(0))
                && ANSWER_SUB.equals(a.getValue(1))) {
              NostrEvent e = verified(a.getValue(2));
              if (e != null && answers.test(e)) {
                answer.tryComplete(e);
              }
            }
          });
          ws.closeHandler(v -> {
            done.tryFail("connection closed before OK");
            answer.tryComplete();
          });
          ws.exceptionHandler(err -> done.tryFail(err.getMessage()));
          if (filter != null) {
            ws.writeTextMessage(new JsonArray().add("REQ").add(ANSWER_SUB).add(filter).encode());
          }
          ws.writeTextMessage("[\"EVENT\"," + eventJson + "]");
          Future.join(done.future(), answer.future()).onComplete(ar -> {
            if (!ws.isClosed()) {
              ws.close();
            }
          });
        });
    Future<Void> accepted = done.future().onComplete(ar -> vertx.cancelTimer(timer));
    Future<NostrEvent> answered = answer.future().onComplete(ar -> vertx.cancelTimer(answerTimer));
    return new Posted(accepted, answered);
  }

  /** The event with a valid id and signature, else null. */
  private static NostrEvent verified(Object json) {
    try {
      NostrEvent e = EventParser.fromJson(json);
      EventVerifier.verify(e);
      return e;
    } catch (InvalidEventException | RuntimeException e) {
      return null;
    }
  }
}

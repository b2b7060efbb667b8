package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;

/**
 * Publishes one event to one relay over a connection of its own: connects, sends {@code ["EVENT", event]} and waits
 * for the relay's {@code ["OK", id, true, …]}; fails with the relay's reason (OK false), on a dropped connection or
 * after {@code timeoutMillis}; the connection is closed either way.
 */
final class RelayPost {

  private RelayPost() {
  }

  static Future<Void> send(Vertx vertx, WebSocketClient client, String url, String eventId, String eventJson,
                           long timeoutMillis) {
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> done.tryFail("no OK within " + timeoutMillis + " ms"));
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(url).setConnectTimeout(timeoutMillis))
        .onFailure(err -> done.tryFail("cannot connect: " + err.getMessage()))
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
              }
            }
          });
          ws.closeHandler(v -> done.tryFail("connection closed before OK"));
          ws.exceptionHandler(err -> done.tryFail(err.getMessage()));
          ws.writeTextMessage("[\"EVENT\"," + eventJson + "]");
          done.future().onComplete(ar -> {
            if (!ws.isClosed()) {
              ws.close();
            }
          });
        });
    return done.future().onComplete(ar -> vertx.cancelTimer(timer));
  }
}

package dvmdash.api;

import dvmdash.shared.config.HttpConfig;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server every node runs (API or operator endpoints only), hardened against idle and slow clients:
 * <ul>
 *   <li>idle timeout: a connection without traffic for {@code http.idle_timeout_seconds} is closed;</li>
 *   <li>header timeout: a connection whose first request has not arrived whole within
 *       {@code http.header_timeout_seconds} is closed (a socket that sends nothing, or headers byte by byte);</li>
 *   <li>a request Netty cannot decode (request line over {@value #MAX_INITIAL_LINE_BYTES} bytes: 414, headers over
 *       {@value #MAX_HEADER_BYTES} bytes: 431, anything else: 400) gets the documented {@code {"error": …}} body and
 *       the connection is closed.</li>
 * </ul>
 */
public final class HttpServerSetup {

  public static final int MAX_INITIAL_LINE_BYTES = 4096;
  public static final int MAX_HEADER_BYTES = 8192;

  private HttpServerSetup() {
  }

  public static HttpServerOptions options(HttpConfig http) {
    return new HttpServerOptions()
        .setIdleTimeout(http.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        // without h2c the server sees each connection when it is accepted, so the header timeout starts then
        .setHttp2ClearTextEnabled(false);
  }

  /** A server with {@link #options} whose requests go to {@code handler} (the router). */
  public static HttpServer create(Vertx vertx, HttpConfig http, Handler<HttpServerRequest> handler) {
    HttpServer server = vertx.createHttpServer(options(http));
    Map<HttpConnection, Long> awaitingFirstRequest = new HashMap<>();
    long timeoutMillis = TimeUnit.SECONDS.toMillis(http.headerTimeoutSeconds());
    server.connectionHandler(conn -> {
      long timer = vertx.setTimer(timeoutMillis, id -> {
        if (awaitingFirstRequest.remove(conn) != null) {
          conn.close();
        }
      });
      awaitingFirstRequest.put(conn, timer);
      conn.closeHandler(v -> cancel(vertx, awaitingFirstRequest, conn));
    });
    server.invalidRequestHandler(req -> {
      cancel(vertx, awaitingFirstRequest, req.connection());
      invalid(req);
    });
    server.requestHandler(req -> {
      cancel(vertx, awaitingFirstRequest, req.connection());
      handler.handle(req);
    });
    return server;
  }

  private static void cancel(Vertx vertx, Map<HttpConnection, Long> pending, HttpConnection conn) {
    Long timer = conn == null ? null : pending.remove(conn);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  /** The answer to a request that could not be decoded, as JSON; the connection is closed after it. */
  static void invalid(HttpServerRequest req) {
    DecoderResult result = req.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    int status = 400;
    String message = "malformed HTTP request";
    if (cause instanceof TooLongFrameException) {
      String text = String.valueOf(cause.getMessage());
      if (text.contains("header")) {
        status = 431;
        message = "request headers larger than " + MAX_HEADER_BYTES + " bytes";
      } else {
        status = 414;
        message = "request line (URI) longer than " + MAX_INITIAL_LINE_BYTES + " bytes";
      }
    }
    req.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("error", message).encode())
        .onComplete(ar -> req.connection().close());
  }
}

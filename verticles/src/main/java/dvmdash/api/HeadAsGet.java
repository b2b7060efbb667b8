package dvmdash.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * HEAD on any GET route: the request is routed as GET, and the server sends the same status and headers without a
 * body. The live stream answers its headers at once (a HEAD must not hold a stream open).
 */
public final class HeadAsGet implements Handler<RoutingContext> {

  private final String streamPath;

  public HeadAsGet(String streamPath) {
    this.streamPath = streamPath;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    if (ctx.request().path().equals(streamPath)) {
      ctx.response()
          .putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-cache")
          .end();
      return;
    }
    ctx.reroute(HttpMethod.GET, ctx.request().uri());
  }
}

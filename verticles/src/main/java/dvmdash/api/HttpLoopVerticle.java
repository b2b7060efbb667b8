package dvmdash.api;

import dvmdash.shared.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;

/** One event loop of the API's HTTP server ({@link HttpLoops}): listens with {@link HttpServerSetup} and routes. */
final class HttpLoopVerticle extends VerticleBase {

  private final HttpConfig http;
  private final Router router;
  private final IntConsumer bound;
  private HttpServer server;

  HttpLoopVerticle(HttpConfig http, Router router, IntConsumer bound) {
    this.http = http;
    this.router = router;
    this.bound = bound;
  }

  @Override
  public Future<?> start() {
    server = HttpServerSetup.create(vertx, http, router);
    return server.listen(http.port(), http.host()).onSuccess(s -> bound.accept(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}

package dvmdash.api;

import dvmdash.shared.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of a node without the API role (a collector or processor droplet): a small HTTP server on
 * {@code http.host}:{@code http.port} with only {@link OpsRoutes} ({@code /health}, {@code /ready},
 * {@code /metrics}), so that every droplet can be scraped and health-checked. A port already in use is logged as an
 * error and the node runs on without these endpoints. Config: the root config.
 */
public final class OpsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OpsVerticle.class);

  private DependencyChecks checks;
  private HttpServer server;

  @Override
  public Future<?> start() {
    HttpConfig http = HttpConfig.fromJson(config().getJsonObject("http", new JsonObject()));
    checks = DependencyChecks.forNode(vertx, config(), null);
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(null));
    router.route().method(io.vertx.core.http.HttpMethod.HEAD).handler(new HeadAsGet("/api/stream"));
    OpsRoutes.mount(vertx, router, checks);
    router.route().handler(ctx -> Replies.error(ctx, 404,
        "this node has no API role; it serves /health, /ready and /metrics only"));
    server = HttpServerSetup.create(vertx, http, router);
    return server.listen(http.port(), http.host())
        .onSuccess(s -> log.info("Health and metrics on http://{}:{}/metrics", http.host(), s.actualPort()))
        .<Void>mapEmpty()
        .recover(err -> {
          // the pipeline matters more than its endpoints: run on, loudly, rather than refuse to start
          log.error("Cannot serve /health, /ready and /metrics on {}:{} ({}); set http.port (DVMDASH_HTTP_PORT) to a"
              + " free port", http.host(), http.port(), err.toString());
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<?> stop() {
    if (checks != null) {
      checks.close();
    }
    return Future.succeededFuture();
  }
}

package dvmdash.api;

import dvmdash.shared.config.HttpConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's HTTP server on {@code http.event_loops} event loops sharing one port: Vert.x hands the accepted
 * connections to the loops in turn, so a burst of connections (thousands of clients reconnecting after a restart,
 * or sockets opened on purpose) is set up, decoded and answered by every loop instead of queueing on one, ahead of
 * everyone else's requests. One deployment of {@link HttpLoopVerticle} with an instance per loop serves the same
 * router (Vert.x shares a port between the instances of one deployment when they all name it: for port 0 a free
 * port is picked first, and picked again if another process took it meanwhile); handlers that touch shared
 * state run on their {@link OwnerLoop}.
 */
public final class HttpLoops {

  private final Vertx vertx;
  private final int port;
  private final String deployment;

  private HttpLoops(Vertx vertx, int port, String deployment) {
    this.vertx = vertx;
    this.port = port;
    this.deployment = deployment;
  }

  public static Future<HttpLoops> start(Vertx vertx, HttpConfig http, Router router, int loops) {
    if (loops < 1) {
      throw new IllegalArgumentException("at least one event loop, got " + loops);
    }
    if (http.port() == 0 && loops > 1) {
      // instances share a port they all name; port 0 would give each its own
      return vertx.executeBlocking(() -> freePort(http.host()))
          .compose(p -> deploy(vertx, http.withPort(p), router, loops)
              .recover(err -> vertx.executeBlocking(() -> freePort(http.host()))
                  .compose(again -> deploy(vertx, http.withPort(again), router, loops))));
    }
    return deploy(vertx, http, router, loops);
  }

  private static Future<HttpLoops> deploy(Vertx vertx, HttpConfig http, Router router, int loops) {
    Set<Integer> ports = ConcurrentHashMap.newKeySet();
    return vertx.deployVerticle(() -> new HttpLoopVerticle(http, router, ports::add),
            new DeploymentOptions().setInstances(loops))
        .compose(id -> ports.size() == 1 ? Future.succeededFuture(new HttpLoops(vertx, ports.iterator().next(), id))
            : vertx.undeploy(id).transform(ar -> Future.failedFuture(new IllegalStateException(
                "the HTTP event loops did not share one port: " + ports))));
  }

  private static int freePort(String host) throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  /** The port the loops listen on. */
  public int port() {
    return port;
  }

  /** Stops listening on every loop. */
  public Future<Void> close() {
    return vertx.undeploy(deployment).otherwiseEmpty();
  }
}

package dvmdash.api;

import dvmdash.health.HealthChangeFeed;
import dvmdash.health.HealthFollower;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.HttpConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.store.StatsAnswers;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the HTTP side: builds the stores, the live stream, the shared answers and the relay sources from config,
 * mounts the routes ({@link ApiRoutes}) and the dashboard's static files, registers {@link ApiMeters}, and feeds
 * committed batches and health changes to the stream.
 */
public final class ApiVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ApiVerticle.class);

  private final LongSupplier nowSeconds;
  private Stores stores;
  private HttpLoops server;
  private RelaySources relaySources;
  private DependencyChecks checks;
  private VerticleMeters meters;

  public ApiVerticle() {
    this(() -> System.currentTimeMillis() / 1000);
  }

  public ApiVerticle(LongSupplier nowSeconds) {
    this.nowSeconds = nowSeconds;
  }

  @Override
  public Future<?> start() {
    HttpConfig http = HttpConfig.fromJson(config().getJsonObject("http", new JsonObject()));
    stores = Stores.connect(vertx, config(), "api");
    StatsAnswers stats = new StatsAnswers(stores.pg());
    ClientAddress addresses = new ClientAddress(http.trustedProxies());
    OwnerLoop owner = OwnerLoop.current(vertx);
    StreamHandler stream = new StreamHandler(http.maxStreams(), http.maxStreamsPerClient(),
        http.streamStallSeconds() * 1000L, addresses, System::currentTimeMillis, owner);
    LiveUpdates live = new LiveUpdates(vertx, stats, stream, nowSeconds);
    AnswerCache answers = new AnswerCache(config().getJsonObject("http", new JsonObject())
        .getInteger("shared_answers", 1000));
    Consumer<JsonObject> healthChanged = change -> {
      answers.invalidate();
      stream.broadcast("health", change);
    };
    if (!NodeRoles.fromJson(config()).processor()) {
      // no evaluator here: other nodes' state changes reach this node's stream through PostgreSQL
      new HealthFollower(vertx, new HealthChangeFeed(stores.pg()), healthChanged, nowSeconds).start();
    }
    relaySources = RelaySources.fromConfig(vertx, context, config());
    checks = DependencyChecks.forNode(vertx, config(), stores);
    meters = ApiMeters.register(AppMetrics.registry(vertx), stream, answers);

    Router router = Router.router(vertx);
    DashboardFiles dashboard = DashboardFiles.locate(http.webroot());
    router.route().handler(new SecurityHeaders(dashboard.indexHtml()));
    new ApiRoutes(vertx, config(), stores, stats, stream, answers, addresses, owner, relaySources.directory(),
        relaySources.editor(), checks, nowSeconds).mount(router);
    dashboard.mount(router);

    BindWarning.check(http.host(), ApiRoutes.adminToken(config())).ifPresent(log::warn);
    return vertx.eventBus().<JsonObject>consumer(Addresses.BATCH_COMMITTED, m -> {
          if (m.body().getInteger("new_events", 0) > 0) {
            answers.invalidate();
          }
          live.committed(m.body());
        })
        .completion()
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.HEALTH_CHANGED,
            m -> healthChanged.accept(m.body())).completion())
        .compose(v -> HttpLoops.start(vertx, http, router, http.eventLoops()))
        .onSuccess(loops -> {
          server = loops;
          log.info("API listening on http://{}:{}/ ({} event loops)", http.host(), loops.port(), http.eventLoops());
        });
  }

  /** Port actually bound (for tests and the launcher). */
  public int port() {
    return server.port();
  }

  @Override
  public Future<?> stop() {
    return (server == null ? Future.<Void>succeededFuture() : server.close()).compose(v -> closeClients());
  }

  private Future<?> closeClients() {
    if (relaySources != null) {
      relaySources.close();
    }
    if (meters != null) {
      meters.close();
    }
    if (checks != null) {
      checks.close();
    }
    return stores == null ? Future.succeededFuture() : stores.close();
  }
}

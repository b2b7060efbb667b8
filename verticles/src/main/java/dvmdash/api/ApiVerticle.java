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
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
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
    router.route().handler(new SecurityHeaders(readIndex(http.webroot())));
    new ApiRoutes(vertx, config(), stores, stats, stream, answers, addresses, owner, relaySources.directory(),
        relaySources.editor(), checks, nowSeconds).mount(router);
    mountDashboard(router, http.webroot());

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

  /** The dashboard's index.html (its inline scripts get CSP hashes), or null when not built. */
  private static String readIndex(String webroot) {
    try {
      return Files.readString(new File(webroot, "index.html").toPath());
    } catch (IOException e) {
      return null;
    }
  }

  private static void mountDashboard(Router router, String webroot) {
    File root = new File(webroot).getAbsoluteFile();
    File index = new File(root, "index.html");
    if (!index.isFile()) {
      log.warn("Dashboard not built ({} missing); serving the API only", index);
      router.get("/").handler(ctx -> Replies.error(ctx, 404,
          "dashboard not built: run scripts/run (it builds webroot) or npm run build in webroot"));
      return;
    }
    router.route("/assets/*").handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
      ctx.next();
    });
    router.route().handler(StaticHandler.create(FileSystemAccess.ROOT, root.getPath())
        .setCachingEnabled(false)
        .setIndexPage("index.html"));
    router.get().handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile(index.getPath()));
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

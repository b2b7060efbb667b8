package dvmdash.api;

import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.collector.RelayList;
import dvmdash.lock.EtcdClients;
import dvmdash.lock.EtcdRelayList;
import dvmdash.lock.RelayClaims;
import dvmdash.queue.RedisClients;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.EtcdConfig;
import dvmdash.shared.config.NodeRoles;
import dvmdash.metrics.VerticleMeters;
import io.micrometer.core.instrument.Tags;
import dvmdash.shared.config.HttpConfig;
import dvmdash.shared.config.QueueConfig;
import io.etcd.jetcd.Client;
import io.vertx.redis.client.Redis;
import dvmdash.health.HealthChangeFeed;
import dvmdash.health.HealthFollower;
import dvmdash.health.HealthRepository;
import dvmdash.health.MaintenanceRepository;
import dvmdash.health.WatchList;
import dvmdash.health.WatchRepository;
import dvmdash.store.JobStatusRepository;
import dvmdash.store.ProfileRepository;
import dvmdash.store.StatsRepository;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the HTTP side: REST routes, the live stream, health, and the dashboard's static files. */
public final class ApiVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ApiVerticle.class);

  private final LongSupplier nowSeconds;
  private Stores stores;
  private HttpLoops server;
  private Client etcd;
  private EtcdRelayList relayList;
  private Redis redis;
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
    StatsRepository stats = new StatsRepository(stores.pg());
    ClientAddress addresses = new ClientAddress(http.trustedProxies());
    OwnerLoop owner = OwnerLoop.current(vertx);
    StreamHandler stream = new StreamHandler(http.maxStreams(), http.maxStreamsPerClient(),
        http.streamStallSeconds() * 1000L, addresses, System::currentTimeMillis, owner);
    LiveUpdates live = new LiveUpdates(vertx, stats, stream, nowSeconds);

    Router router = Router.router(vertx);
    DashboardFiles dashboard = DashboardFiles.locate(http.webroot());
    router.route().handler(new SecurityHeaders(dashboard.indexHtml()));
    router.route().method(io.vertx.core.http.HttpMethod.HEAD).handler(new HeadAsGet("/api/stream"));
    router.errorHandler(413, ctx -> Replies.error(ctx, 413, "request body too large"));
    router.errorHandler(500, ctx -> Replies.fail(ctx, ctx.failure() == null
        ? new IllegalStateException("internal error") : ctx.failure()));
    AnswerCache answers = new AnswerCache(config().getJsonObject("http", new JsonObject())
        .getInteger("shared_answers", 1000));
    new StatsRoutes(stats, nowSeconds, answers).mount(router);
    new EventRoutes(vertx, stores.raw(), owner).mount(router);
    new ExportRoutes(stores.raw(), stats, nowSeconds).mount(router);
    new JobRoutes(stores.raw(), new JobStatusRepository(stores.pg()), answers, nowSeconds,
        new RequesterNames(vertx, new ProfileRepository(stores.pg()))).mount(router);
    HealthRepository health = new HealthRepository(stores.pg());
    WatchRepository watch = new WatchRepository(stores.pg(), WatchList.fromJson(config()));
    new HealthRoutes(health, watch, nowSeconds).mount(router);
    new BadgeRoutes(health, nowSeconds).mount(router);
    if (!NodeRoles.fromJson(config()).processor()) {
      // no evaluator here: other nodes' state changes reach this node's stream through PostgreSQL
      new HealthFollower(vertx, new HealthChangeFeed(stores.pg()), c -> {
        answers.invalidate();
        stream.broadcast("health", c);
      }, nowSeconds).start();
    }
    RelayDirectory relays = relayDirectory();
    router.get("/api/relays").handler(ctx -> relays.relays()
        .onSuccess(list -> Replies.json(ctx, new JsonObject().put("relays", RelayDirectory.redacted(list))))
        .onFailure(err -> Replies.json(ctx, new JsonObject().put("relays", new JsonArray())
            .put("note", "relay list unavailable: " + err.getMessage()))));
    router.get("/api/stream").handler(owner.confine(stream));
    new PlaygroundRoutes(vertx, nowSeconds, excludedKinds(), addresses, owner).mount(router);
    new AdminRoutes(relays, new RelayListEditor(vertx, relayList),
        config().getJsonObject("admin", new JsonObject()).getString("token"), owner).mount(router);
    new WatchRoutes(watch, nowSeconds).mount(router);
    new MaintenanceRoutes(new MaintenanceRepository(stores.pg()), nowSeconds).mount(router);
    router.route("/api/*").handler(new ApiFallback(router));
    checks = DependencyChecks.forNode(vertx, config(), stores);
    OpsRoutes.mount(vertx, router, checks);
    meters = new VerticleMeters(AppMetrics.registry(vertx)).gauge("dvmdash_sse_clients",
        "Open live-update streams (/api/stream)", Tags.empty(), stream, StreamHandler::clients)
        .counter("dvmdash_sse_dropped_total", "Live streams closed by the server", Tags.of("reason", "stalled"),
            stream, StreamHandler::stalledClosed)
        .counter("dvmdash_sse_dropped_total", "Live streams closed by the server", Tags.of("reason", "evicted"),
            stream, StreamHandler::evicted)
        .counter("dvmdash_sse_dropped_total", "Live streams closed by the server", Tags.of("reason", "behind"),
            stream, StreamHandler::dropped)
        .counter("dvmdash_sse_refused_total", "Live streams refused", Tags.of("reason", "per_client"), stream,
            StreamHandler::refusedPerClient)
        .counter("dvmdash_api_answers_total", "Answers of the stats and jobs-list endpoints (docs/api-spec.md, shared answers)",
            Tags.of("source", "shared"), answers, AnswerCache::hits)
        .counter("dvmdash_api_answers_total", "Answers of the stats and jobs-list endpoints (docs/api-spec.md, shared answers)",
            Tags.of("source", "computed"), answers, AnswerCache::misses);
    dashboard.mount(router);

    BindWarning.check(http.host(), config().getJsonObject("admin", new JsonObject()).getString("token"))
        .ifPresent(log::warn);
    return vertx.eventBus().<JsonObject>consumer(Addresses.BATCH_COMMITTED, m -> {
          if (m.body().getInteger("new_events", 0) > 0) {
            answers.invalidate();
          }
          live.committed(m.body());
        })
        .completion()
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.HEALTH_CHANGED, m -> {
          answers.invalidate();
          stream.broadcast("health", m.body());
        }).completion())
        .compose(v -> HttpLoops.start(vertx, http, router, http.eventLoops()))
        .onSuccess(loops -> {
          server = loops;
          log.info("API listening on http://{}:{}/ ({} event loops)", http.host(), loops.port(), http.eventLoops());
        });
  }

  /** Relay list and status sources of this node: etcd (cluster list, claims) and Redis (status) when configured. */
  private RelayDirectory relayDirectory() {
    EtcdConfig etcdConfig = EtcdConfig.fromJson(config());
    String nodeId = config().getString("node_id", "");
    if (etcdConfig.enabled()) {
      etcd = EtcdClients.create(etcdConfig);
      RelayList configured = RelayList.fromJson(config().getJsonObject("collector", new JsonObject())
          .getJsonArray(CollectorConfig.RELAYS, new JsonArray()));
      relayList = new EtcdRelayList(context, etcd, etcdConfig.prefix(), configured);
    }
    QueueConfig queue = QueueConfig.fromJson(config());
    if (queue.enabled()) {
      redis = RedisClients.create(vertx, queue, 0);
    }
    RelayClaims claims = etcd == null ? null : new RelayClaims(context, etcd, etcdConfig.prefix(), nodeId);
    return new RelayDirectory(vertx, relayList == null ? null : relayList::list,
        claims == null ? null : claims::claims, redis, nodeId, System::currentTimeMillis);
  }

  private java.util.Set<Integer> excludedKinds() {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    JsonArray list = config().getJsonObject("collector", new JsonObject()).getJsonArray("excluded_kinds",
        new JsonArray().add(5666).add(6666).add(5969).add(6969));
    for (Object o : list) {
      out.add(((Number) o).intValue());
    }
    return out;
  }

  /** Port actually bound (for tests and the launcher). */
  public int port() {
    return server.port();
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> closeClients());
  }

  private Future<?> closeClients() {
    if (etcd != null) {
      etcd.close();
    }
    if (redis != null) {
      redis.close();
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

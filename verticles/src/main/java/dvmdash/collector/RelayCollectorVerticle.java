package dvmdash.collector;

import dvmdash.health.Liveness;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the relay collector: one {@link RelayConnection} per configured relay ({@link RelayConnections}), a shared
 * {@link FrameHandler}, an {@link IngestForwarder} to the processor, a {@link CursorStore} (mirrored through
 * {@link CursorMirrorClient} in a cluster), and consumers for relay status, publishing, lookups, newly discovered DVMs
 * ({@link KnownAuthors}) and requesters shown. Relays listed in {@code high_activity_relays} (marked high by the operator) reconnect with a backoff capped at
 * {@link RelayEntry#HIGH_BACKOFF_MAX_MILLIS}, and their status says {@code "activity": "high"}.
 */
public final class RelayCollectorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RelayCollectorVerticle.class);
  private static final long MAX_RETRY_DELAY_MILLIS = 30_000;
  private static final long LOOKUP_TIMEOUT_MS = 3_000;
  /** Config key: JsonArray of the relay URLs marked high activity. */
  public static final String HIGH_ACTIVITY_RELAYS = "high_activity_relays";
  /** Redis URL of the cluster's shared relay cursors ({@link RedisCursorMirror}); absent on a single node. */
  public static final String CURSOR_MIRROR_REDIS_URL = "cursor_mirror_redis_url";
  /** The Redis stream name whose {@code :cursors} hash holds the shared cursors. */
  public static final String CURSOR_MIRROR_STREAM = "cursor_mirror_stream";

  private final KnownAuthors authors = new KnownAuthors();
  private RelayConnections connections;
  private RequesterProfiles requesters;
  private WebSocketClient client;
  private CursorStore cursors;
  private IngestForwarder forwarder;
  private VerticleMeters meters;
  private CursorMirrorClient mirror;
  private Liveness.Registration liveness;

  @Override
  public Future<?> start() {
    CollectorConfig cfg = CollectorConfig.fromJson(config());
    mirror = CursorMirrorClient.fromConfig(vertx, config());
    return CursorStore.load(vertx, Path.of(cfg.cursorFile()), CursorStore.DEFAULT_DEBOUNCE_MILLIS, mirror.mirror())
        .compose(store -> {
          cursors = store;
          return wire(cfg);
        });
  }

  private Future<?> wire(CollectorConfig cfg) {
    int wireLimit = (int) Math.min(Integer.MAX_VALUE, 4L * cfg.maxEventBytes());
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(wireLimit)
        .setMaxMessageSize(wireLimit));
    SubscriptionPlan plan = SubscriptionPlan.initial(cfg.excludedKinds(), cfg.kindsPerFilter());
    FrameHandler frames = new FrameHandler(cfg, plan.kindSet());
    Random random = new Random();
    requesters = new RequesterProfiles(cfg.requesterProfilesMax());
    Set<String> high = new HashSet<>();
    config().getJsonArray(HIGH_ACTIVITY_RELAYS, new JsonArray()).forEach(o -> high.add(String.valueOf(o)));
    connections = new RelayConnections(high);
    forwarder = new IngestForwarder(vertx, cfg.batchEvents(), cfg.batchMillis(), cfg.maxInFlightEvents(),
        cfg.maxInFlightBytes(), cursors,
        new Backoff(cfg.backoffMinMillis(), Math.min(cfg.backoffMaxMillis(), MAX_RETRY_DELAY_MILLIS), random),
        connections::pause, connections::resume);
    for (String url : cfg.relays()) {
      long cap = RelayEntry.backoffCapMillis(high.contains(url), cfg.backoffMinMillis(), cfg.backoffMaxMillis());
      connections.add(new RelayConnection(vertx, client, url, cfg, frames, plan, cursors, authors::list,
          requesters::requests, forwarder, new Backoff(cfg.backoffMinMillis(), cap, random)));
    }
    liveness = Liveness.of(vertx).register(new IngestStall(forwarder, cfg.healthStallSeconds() * 1000,
        System::currentTimeMillis));
    meters = CollectorMetrics.register(AppMetrics.registry(vertx), connections.stats(), forwarder);
    MessageConsumer<Object> status = vertx.eventBus().consumer(Addresses.RELAYS_STATUS,
        msg -> msg.reply(connections.status()));
    MessageConsumer<JsonArray> discovered = vertx.eventBus().consumer(Addresses.DVMS_DISCOVERED,
        msg -> authorsDiscovered(msg.body()));
    MessageConsumer<JsonArray> shown = vertx.eventBus().consumer(Addresses.PROFILES_WANTED,
        msg -> requestersShown(msg.body()));
    MessageConsumer<JsonObject> publish = vertx.eventBus().consumer(Addresses.RELAYS_PUBLISH,
        msg -> msg.reply(connections.publish(msg.body())));
    MessageConsumer<JsonObject> publishTo = vertx.eventBus().consumer(Addresses.RELAYS_PUBLISH_TO,
        msg -> msg.reply(connections.publishTo(msg.body().getJsonObject("event"),
            msg.body().getJsonArray("relays", new JsonArray()))));
    MessageConsumer<String> lookup = vertx.eventBus().consumer(Addresses.RELAYS_LOOKUP,
        msg -> connections.lookup(msg.body(), LOOKUP_TIMEOUT_MS).onSuccess(msg::reply));
    return Future.all(List.of(status.completion(), discovered.completion(), shown.completion(),
            publish.completion(), publishTo.completion(), lookup.completion()))
        .compose(v -> vertx.eventBus().<JsonArray>request(Addresses.DVMS_KNOWN, null)
            .onSuccess(m -> authorsDiscovered(m.body()))
            .onFailure(err -> log.info("No known DVM list yet ({}); profiles follow discoveries", err.getMessage()))
            .otherwiseEmpty())
        .onSuccess(v -> {
          connections.start();
          log.info("Collector started for {} relays", cfg.relays().size());
        });
  }

  private void authorsDiscovered(JsonArray pubkeys) {
    int firstNew = authors.add(pubkeys);
    if (firstNew >= 0) {
      connections.authorsAdded(firstNew);
    }
  }

  private void requestersShown(JsonArray pubkeys) {
    if (pubkeys == null) {
      return;
    }
    var changed = requesters.shown(pubkeys.getList(), authors::contains);
    if (!changed.isEmpty()) {
      connections.requestersChanged(requesters.requests(changed));
    }
  }

  @Override
  public Future<?> stop() {
    if (liveness != null) {
      liveness.close();
    }
    if (forwarder != null) {
      forwarder.stop();
    }
    return (connections == null ? Future.<Void>succeededFuture() : connections.stop())
        .transform(ar -> cursors == null ? Future.succeededFuture() : cursors.flush())
        .transform(ar -> client == null ? Future.succeededFuture() : client.close())
        .transform(ar -> mirror == null ? Future.succeededFuture() : mirror.close())
        .andThen(ar -> {
          if (meters != null) {
            meters.close();
          }
        });
  }
}

package dvmdash.collector;

import dvmdash.health.Liveness;
import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.queue.RedisClients;
import dvmdash.queue.RedisCursorMirror;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.QueueConfig;
import io.vertx.redis.client.Redis;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the relay collector: one {@link RelayConnection} per configured relay, a shared {@link FrameHandler}, an
 * {@link IngestForwarder} to the processor, a {@link CursorStore}, and consumers for relay status and newly discovered
 * DVMs. Relays listed in {@code high_activity_relays} (marked high by the operator) reconnect with a backoff capped at
 * {@link RelayEntry#HIGH_BACKOFF_MAX_MILLIS}, and their status says {@code "activity": "high"}.
 */
public final class RelayCollectorVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RelayCollectorVerticle.class);
  private static final Pattern PUBKEY = Pattern.compile("[0-9a-f]{64}");
  private static final long MAX_RETRY_DELAY_MILLIS = 30_000;
  private static final long LOOKUP_TIMEOUT_MS = 3_000;
  /** Config key: JsonArray of the relay URLs marked high activity. */
  public static final String HIGH_ACTIVITY_RELAYS = "high_activity_relays";
  /** Redis URL of the cluster's shared relay cursors ({@link RedisCursorMirror}); absent on a single node. */
  public static final String CURSOR_MIRROR_REDIS_URL = "cursor_mirror_redis_url";
  /** The Redis stream name whose {@code :cursors} hash holds the shared cursors. */
  public static final String CURSOR_MIRROR_STREAM = "cursor_mirror_stream";

  private final List<RelayConnection> connections = new ArrayList<>();
  private final Set<String> authorSet = new LinkedHashSet<>();
  private final List<String> authors = new ArrayList<>();
  private RequesterProfiles requesters;
  private WebSocketClient client;
  private CursorStore cursors;
  private IngestForwarder forwarder;
  private VerticleMeters meters;
  private Redis mirrorRedis;
  private Liveness.Registration liveness;

  @Override
  public Future<?> start() {
    CollectorConfig cfg = CollectorConfig.fromJson(config());
    String mirrorUrl = config().getString(CURSOR_MIRROR_REDIS_URL, "");
    CursorMirror mirror = CursorMirror.NONE;
    if (!mirrorUrl.isBlank()) {
      QueueConfig queue = QueueConfig.fromJson(new JsonObject().put("redis", new JsonObject().put("url", mirrorUrl)
          .put("stream", config().getString(CURSOR_MIRROR_STREAM, "dvmdash:events"))));
      mirrorRedis = RedisClients.create(vertx, queue, 0);
      mirror = new RedisCursorMirror(mirrorRedis, queue.stream());
    }
    return CursorStore.load(vertx, Path.of(cfg.cursorFile()), CursorStore.DEFAULT_DEBOUNCE_MILLIS, mirror)
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
    forwarder = new IngestForwarder(vertx, cfg.batchEvents(), cfg.batchMillis(), cfg.maxInFlightEvents(),
        cfg.maxInFlightBytes(), cursors,
        new Backoff(cfg.backoffMinMillis(), Math.min(cfg.backoffMaxMillis(), MAX_RETRY_DELAY_MILLIS), random),
        () -> connections.forEach(RelayConnection::pause),
        () -> connections.forEach(RelayConnection::resume));
    Set<String> high = new java.util.HashSet<>();
    config().getJsonArray(HIGH_ACTIVITY_RELAYS, new JsonArray()).forEach(o -> high.add(String.valueOf(o)));
    for (String url : cfg.relays()) {
      long cap = RelayEntry.backoffCapMillis(high.contains(url), cfg.backoffMinMillis(), cfg.backoffMaxMillis());
      connections.add(new RelayConnection(vertx, client, url, cfg, frames, plan, cursors, () -> authors,
          requesters::requests, forwarder, new Backoff(cfg.backoffMinMillis(), cap, random)));
    }
    long stallLimitMillis = cfg.healthStallSeconds() * 1000;
    liveness = Liveness.of(vertx).register(() -> {
      long stalled = forwarder.stalledMillis(System.currentTimeMillis());
      return stalled < stallLimitMillis ? Optional.empty() : Optional.of("collector: " + forwarder.inFlight()
          + " events unacknowledged by the processor for " + stalled / 1000 + " s");
    });
    meters = CollectorMetrics.register(AppMetrics.registry(vertx), connections.stream().map(RelayConnection::stats).toList(),
        forwarder);
    MessageConsumer<Object> status = vertx.eventBus().consumer(Addresses.RELAYS_STATUS, msg -> {
      JsonArray out = new JsonArray();
      connections.forEach(c -> out.add(c.stats().toJson()
          .put("activity", (high.contains(c.stats().url()) ? RelayEntry.Activity.HIGH : RelayEntry.Activity.NORMAL)
              .label())));
      msg.reply(out);
    });
    MessageConsumer<JsonArray> discovered = vertx.eventBus().consumer(Addresses.DVMS_DISCOVERED,
        msg -> authorsDiscovered(msg.body()));
    MessageConsumer<JsonArray> shown = vertx.eventBus().consumer(Addresses.PROFILES_WANTED,
        msg -> requestersShown(msg.body()));
    MessageConsumer<JsonObject> publish = vertx.eventBus().consumer(Addresses.RELAYS_PUBLISH, msg -> {
      String frame = new JsonArray().add("EVENT").add(msg.body()).encode();
      int written = 0;
      for (RelayConnection c : connections) {
        written += c.publish(frame) ? 1 : 0;
      }
      msg.reply(written);
    });
    MessageConsumer<String> lookup = vertx.eventBus().consumer(Addresses.RELAYS_LOOKUP, msg -> {
      List<Future<Void>> asked = new ArrayList<>();
      connections.forEach(c -> asked.add(c.lookup(msg.body(), LOOKUP_TIMEOUT_MS)));
      Future.join(asked).onComplete(ar -> msg.reply(asked.size()));
    });
    return Future.all(List.of(status.completion(), discovered.completion(), shown.completion(),
            publish.completion(), lookup.completion()))
        .compose(v -> vertx.eventBus().<JsonArray>request(Addresses.DVMS_KNOWN, null)
            .onSuccess(m -> authorsDiscovered(m.body()))
            .onFailure(err -> log.info("No known DVM list yet ({}); profiles follow discoveries", err.getMessage()))
            .otherwiseEmpty())
        .onSuccess(v -> {
          connections.forEach(RelayConnection::start);
          log.info("Collector started for {} relays", cfg.relays().size());
        });
  }

  private void authorsDiscovered(JsonArray pubkeys) {
    if (pubkeys == null) {
      return;
    }
    int before = authors.size();
    for (Object o : pubkeys) {
      if (o instanceof String pk && PUBKEY.matcher(pk).matches() && authorSet.add(pk)) {
        authors.add(pk);
      }
    }
    if (authors.size() > before) {
      connections.forEach(c -> c.authorsAdded(before));
    }
  }

  private void requestersShown(JsonArray pubkeys) {
    if (pubkeys == null) {
      return;
    }
    var changed = requesters.shown(pubkeys.getList(), authorSet::contains);
    if (!changed.isEmpty()) {
      var reqs = requesters.requests(changed);
      connections.forEach(c -> c.requestersChanged(reqs));
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
    List<Future<Void>> closing = new ArrayList<>();
    connections.forEach(c -> closing.add(c.stop()));
    return Future.join(closing)
        .transform(ar -> cursors == null ? Future.succeededFuture() : cursors.flush())
        .transform(ar -> client == null ? Future.succeededFuture() : client.close())
        .transform(ar -> mirrorRedis == null ? Future.succeededFuture() : mirrorRedis.close())
        .andThen(ar -> {
          if (meters != null) {
            meters.close();
          }
        });
  }
}

package dvmdash.cli;

import dvmdash.collector.FrameHandler;
import dvmdash.collector.Outcome;
import dvmdash.collector.SubscriptionPlan;
import dvmdash.embedded.StoreResolver;
import dvmdash.health.HealthEvaluator;
import dvmdash.health.HealthRules;
import dvmdash.processor.BatchPipeline;
import dvmdash.processor.ProcessorMetrics;
import dvmdash.shared.config.CollectorConfig;
import dvmdash.shared.config.RetentionConfig;
import dvmdash.shared.model.ReceivedEvent;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.HealthRetention;
import dvmdash.store.PgSchema;
import dvmdash.store.Retention;
import dvmdash.store.RollupRepository;
import dvmdash.store.Stores;
import dvmdash.store.TierLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The ingest path of the offline commands ({@code import}, {@code backfill}): relay EVENT frames go through the
 * collector's {@link FrameHandler} (size, JSON, structure, kind, future time, id and signature checks, dedup within
 * the run), then in batches through the processor's {@link BatchPipeline} (raw store, durability, rollups; ids already
 * in DVMDash change nothing) - exactly the path of live events. Blocking; call it from a plain thread, never from an
 * event loop. Counts what it saw for the summary line.
 */
public final class IngestSession implements AutoCloseable {

  private static final int BATCH = 2000;
  private static final int IN_FLIGHT = 2;

  private final StoreResolver stores;
  private final Vertx vertx;
  private final Stores clients;
  private final FrameHandler frames;
  private final BatchPipeline pipeline;
  private final CollectorConfig collector;
  private final Set<String> dvmAuthors = new LinkedHashSet<>();
  private final Map<String, Long> invalid = new TreeMap<>();
  private List<ReceivedEvent> batch = new ArrayList<>();
  private final Deque<Future<RollupRepository.Applied>> inFlight = new ArrayDeque<>();
  private long received;
  private long valid;
  private long fresh;
  private long duplicates;

  private IngestSession(StoreResolver stores, Vertx vertx, Stores clients, FrameHandler frames,
                        BatchPipeline pipeline, CollectorConfig collector) {
    this.stores = stores;
    this.vertx = vertx;
    this.clients = clients;
    this.frames = frames;
    this.pipeline = pipeline;
    this.collector = collector;
  }

  /**
   * Resolves the configured stores (embedded ones under the data dir), applies the schema and builds the pipeline.
   * The sources named in {@link #offer} become the relays recorded with each raw event.
   */
  public static IngestSession open(JsonObject config) throws Exception {
    JsonObject collectorJson = config.getJsonObject("collector", new JsonObject()).copy()
        .put("relays", new JsonArray().add("ws://ingest.invalid"));
    CollectorConfig cc = CollectorConfig.fromJson(collectorJson);
    FrameHandler frames = new FrameHandler(cc, SubscriptionPlan.initial(cc.excludedKinds(), cc.kindsPerFilter())
        .kindSet());
    StoreResolver stores = StoreResolver.resolve(config);
    Vertx vertx = Vertx.vertx();
    try {
      migrate(vertx, stores.config().getJsonObject("stores").getString("pg_url"));
      Stores clients = Stores.connect(vertx, stores.config(), "ingest");
      await(clients.raw().prepare());
      RollupRepository rollups = RollupRepository.forConfig(clients.pg(), stores.config());
      BatchPipeline pipeline = new BatchPipeline(clients.raw(), rollups, Future::succeededFuture,
          new ProcessorMetrics(new SimpleMeterRegistry()));
      return new IngestSession(stores, vertx, clients, frames, pipeline, cc);
    } catch (Exception e) {
      await(vertx.close());
      stores.close();
      throw e;
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The collector settings in effect (kinds, excluded kinds, kinds per filter). */
  public CollectorConfig collector() {
    return collector;
  }

  /** Handles one relay frame (normally an EVENT frame) from {@code relay}; processes a batch when one is full. */
  public void offer(String relay, String frameText) throws Exception {
    received++;
    Outcome o = frames.handle(relay, frameText, System.currentTimeMillis());
    switch (o.type()) {
      case ACCEPTED -> {
        valid++;
        NostrEvent e = o.received().event();
        if ((e.kind() >= 6000 && e.kind() <= 6999) || e.kind() == 7000) {
          dvmAuthors.add(e.pubkey());
        }
        batch.add(o.received());
      }
      case DUPLICATE -> {
        duplicates++;
        if (o.received() != null) {
          batch.add(o.received());
        }
      }
      case REJECTED -> invalid.merge(o.reason().label(), 1L, Long::sum);
      default -> invalid.merge("not_an_event_frame", 1L, Long::sum);
    }
    if (batch.size() >= BATCH) {
      submit();
    }
  }

  /**
   * Hands the pending batch to the pipeline; with {@link #IN_FLIGHT} batches already committing, first waits for the
   * oldest. So the next batch is parsed and verified while earlier ones commit (batches commute: the rollups skip
   * applied ids and merge in any order).
   */
  private void submit() throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    // a copy of an event from another relay updates the stored event: its first copy must be committed before
    int limit = batch.stream().anyMatch(ReceivedEvent::isSighting) ? 1 : IN_FLIGHT;
    while (inFlight.size() >= limit) {
      fresh += await(inFlight.removeFirst()).newEvents().size();
    }
    List<ReceivedEvent> b = batch;
    batch = new ArrayList<>();
    inFlight.addLast(pipeline.process(b));
  }

  /** Processes the pending batch and waits until every batch handed over is committed. */
  public void flush() throws Exception {
    submit();
    while (!inFlight.isEmpty()) {
      fresh += await(inFlight.removeFirst()).newEvents().size();
    }
  }

  /** Authors of accepted results and feedback so far (whose kind-0 profiles the collector would fetch). */
  public Set<String> dvmAuthors() {
    return dvmAuthors;
  }

  public long received() {
    return received;
  }

  public long valid() {
    return valid;
  }

  /** Valid events that were not in DVMDash yet (call after {@link #flush()}). */
  public long fresh() {
    return fresh;
  }

  /** Copies of an event already handled in this run. */
  public long duplicates() {
    return duplicates;
  }

  public Map<String, Long> invalid() {
    return invalid;
  }

  /** {@code received R, valid V, new N, already stored A, duplicates D, invalid {reason=n}} (after a flush). */
  public String summary() {
    return String.format("received %d, valid %d, new %d, already stored %d, duplicates %d, invalid %s", received,
        valid, fresh, valid - fresh, duplicates, invalid);
  }

  /**
   * Applies the schema without a time limit (an upgrade that rewrites stored rows takes as long as the history is big).
   */
  static void migrate(Vertx vertx, String pgUrl) throws Exception {
    PgSchema.migrate(vertx, pgUrl).toCompletionStage().toCompletableFuture().get();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  /**
   * Ends a bulk load. With retention on (the bundled default) it first deletes the per-minute and per-hour rollup rows
   * that no figure reads any more, as a server's scheduled run would within the hour (raw events are kept whatever
   * {@code raw_days} says: that part is left to the server). Then it rewrites the tier tables in bucket order
   * ({@link TierLayout}: a long imported history neither leaves the deleted rows' space behind nor scatters a window's
   * rows over the whole table), refreshes PostgreSQL's planner statistics (an offline command may exit before
   * autovacuum would: without them the first reads of a freshly imported history pick scans) and decides every DVM's
   * health up to now. Prints what the compaction removed.
   */
  public void finish() throws Exception {
    if (fresh == 0) {
      return;
    }
    RetentionConfig cfg = RetentionConfig.fromJson(stores.config());
    if (cfg.enabled() && cfg.minuteDays() > 0) {
      RetentionConfig tiersOnly = new RetentionConfig(true, 0, cfg.minuteDays(), cfg.intervalMinutes());
      Retention.Result compacted = await(new Retention(clients.pg(), clients.raw(), tiersOnly, Future::succeededFuture)
          .run(System.currentTimeMillis() / 1000));
      if (!compacted.skipped() && compacted.healthRowsDeleted() > 0) {
        // the health evidence of the loaded history behind the horizon was written, then deleted: return the space
        await(clients.pg().query("VACUUM FULL " + String.join(", ", HealthRetention.TABLES)).execute());
      }
      if (!compacted.skipped() && !compacted.changedNothing()) {
        System.out.printf("rollups compacted (retention.minute_days = %d): %d per-minute and %d per-hour rows before"
                + " %s deleted; no figure reads them%n", cfg.minuteDays(),
            compacted.countRowsDeleted() + compacted.userRowsDeleted() + compacted.dvmRowsDeleted(),
            compacted.hourRowsDeleted(), java.time.Instant.ofEpochSecond(compacted.minuteHorizon()));
      }
    }
    await(TierLayout.cluster(clients.pg()));
    await(clients.pg().query("ANALYZE").execute());
    decideHealth();
  }

  /**
   * Decides every DVM's health over the loaded history up to now, as the server's evaluator would on its first
   * rounds: so that a server started on the imported directory does not spend its first minute walking the whole
   * history's evidence while it answers its first requests.
   */
  private void decideHealth() throws Exception {
    HealthEvaluator evaluator = new HealthEvaluator(clients.pg(), HealthRules.fromJson(stores.config()));
    long changes = 0;
    int rounds = 0;
    do {
      changes += await(evaluator.run(System.currentTimeMillis() / 1000)).size();
      rounds++;
    } while (rounds < 100 && await(evaluator.pending()) > 0);
    System.out.printf("DVM health decided up to now: %d state changes%n", changes);
  }

  @Override
  public void close() throws Exception {
    try {
      await(clients.close());
    } finally {
      try {
        await(vertx.close());
      } finally {
        stores.close();
      }
    }
  }
}

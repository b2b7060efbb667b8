package dvmdash.cluster;

import dvmdash.shared.config.QueueConfig;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor's side of the stream: {@code readsInFlight} loops of XREADGROUP (blocking up to a second) plus a timer
 * that XAUTOCLAIMs entries left pending longer than {@code claim_idle_ms} (by a dead or stuck processor, or by a
 * failed batch of this one). Each read is sent as one {@link IngestBatch} to {@code address}; only after its reply
 * (sent after the PostgreSQL commit) are the entries XACKed and XDELeted, so the stream length is the unprocessed
 * backlog. An entry that cannot be decoded goes to {@code <stream>:dead} before it is acknowledged. Loops never die:
 * errors are logged, counted and retried after a pause; a lost consumer group is created again. Whether the processor
 * commits what it is handed is tracked in {@link #progress()} (for {@code /health}). Confined to the owning verticle's
 * event loop.
 */
public final class StreamReader {

  private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
  private static final long BLOCK_MILLIS = 1000;
  private static final long ERROR_PAUSE_MILLIS = 1000;

  private final Vertx vertx;
  private final Redis redis;
  private final QueueConfig cfg;
  private final String consumer;
  private final String address;
  private final DeliveryOptions delivery;
  private final LongSupplier clock;
  private final ProcessingProgress progress = new ProcessingProgress();
  private final List<Future<Void>> loops = new ArrayList<>();
  private boolean stopped;
  private long claimTimer = -1;
  private long processed;
  private long claimed;
  private long errors;

  public StreamReader(Vertx vertx, Redis redis, QueueConfig cfg, String consumer, String address,
                      long processTimeoutMillis) {
    this(vertx, redis, cfg, consumer, address, processTimeoutMillis, System::currentTimeMillis);
  }

  /** As above, with the clock (unix milliseconds) that times {@link #progress()}. */
  public StreamReader(Vertx vertx, Redis redis, QueueConfig cfg, String consumer, String address,
                      long processTimeoutMillis, LongSupplier clock) {
    this.clock = clock;
    this.vertx = vertx;
    this.redis = redis;
    this.cfg = cfg;
    this.consumer = consumer;
    this.address = address;
    this.delivery = new DeliveryOptions().setSendTimeout(processTimeoutMillis);
  }

  /** Creates the consumer group if missing, then starts the read loops and the claim timer. */
  public Future<Void> start() {
    return ensureGroup(redis, cfg).onSuccess(v -> {
      for (int i = 0; i < cfg.readsInFlight(); i++) {
        Promise<Void> done = Promise.promise();
        loops.add(done.future());
        readLoop(done);
      }
      scheduleClaim();
      log.info("Reading stream {} as {} in group {}", cfg.stream(), consumer, cfg.group());
    });
  }

  /** XGROUP CREATE … MKSTREAM, where an existing group (BUSYGROUP) counts as success. */
  public static Future<Void> ensureGroup(Redis redis, QueueConfig cfg) {
    return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(cfg.stream()).arg(cfg.group()).arg("0")
            .arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(err -> String.valueOf(err.getMessage()).contains("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private void readLoop(Promise<Void> done) {
    if (stopped) {
      done.complete();
      return;
    }
    redis.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(cfg.group()).arg(consumer)
            .arg("COUNT").arg(cfg.readCount()).arg("BLOCK").arg(BLOCK_MILLIS).arg("STREAMS").arg(cfg.stream()).arg(">"))
        .compose(reply -> handle(StreamEntry.fromReadReply(reply)))
        .onComplete(ar -> {
          if (ar.failed()) {
            errors++;
            log.warn("Stream read failed ({}); retrying in {} ms", ar.cause().toString(), ERROR_PAUSE_MILLIS);
            vertx.setTimer(ERROR_PAUSE_MILLIS, id -> recreateGroupIfGone(ar.cause()).onComplete(v -> readLoop(done)));
          } else {
            readLoop(done);
          }
        });
  }

  private void scheduleClaim() {
    if (stopped) {
      return;
    }
    claimTimer = vertx.setTimer(Math.max(100, cfg.claimIdleMillis() / 2), id -> {
      claimTimer = -1;
      redis.send(Request.cmd(Command.XAUTOCLAIM).arg(cfg.stream()).arg(cfg.group()).arg(consumer)
              .arg(cfg.claimIdleMillis()).arg("0-0").arg("COUNT").arg(cfg.readCount()))
          .compose(reply -> {
            List<StreamEntry> entries = StreamEntry.fromClaimReply(reply);
            if (!entries.isEmpty()) {
              claimed += entries.size();
              log.info("Claimed {} stream entries idle for over {} ms", entries.size(), cfg.claimIdleMillis());
            }
            return handle(entries);
          })
          .onComplete(ar -> {
            if (ar.failed()) {
              errors++;
              log.warn("Stream claim failed: {}", ar.cause().toString());
              recreateGroupIfGone(ar.cause()).onComplete(v -> scheduleClaim());
            } else {
              scheduleClaim();
            }
          });
    });
  }

  /**
   * After a NOGROUP error (Redis restarted without its data, or the stream key was deleted) creates the group again,
   * from the start of whatever the stream still holds: otherwise every read would fail until the node restarts.
   * Entries read again are harmless (the processor skips applied ids).
   */
  private Future<Void> recreateGroupIfGone(Throwable err) {
    if (stopped || !String.valueOf(err.getMessage()).contains("NOGROUP")) {
      return Future.succeededFuture();
    }
    log.warn("Consumer group {} of stream {} is gone (Redis lost its data?); creating it again", cfg.group(),
        cfg.stream());
    return ensureGroup(redis, cfg)
        .onFailure(e -> log.warn("Cannot create the consumer group again: {}", e.toString()))
        .otherwiseEmpty();
  }

  private Future<Void> handle(List<StreamEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<ReceivedEvent> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Future<Void> deadLetters = Future.succeededFuture();
    for (StreamEntry e : entries) {
      try {
        events.addAll(e.events() == null ? List.of() : StreamEntryCodec.decode(e.events()));
      } catch (RuntimeException bad) {
        errors++;
        log.error("Stream entry {} cannot be decoded ({}); moved to {}:dead", e.id(), bad.getMessage(), cfg.stream());
        String text = e.events() == null ? "" : e.events();
        deadLetters = deadLetters.compose(v -> redis.send(Request.cmd(Command.XADD).arg(cfg.stream() + ":dead")
            .arg("*").arg("id").arg(e.id()).arg("events").arg(text)).mapEmpty());
      }
      ids.add(e.id());
    }
    Future<?> processedF = events.isEmpty() ? Future.succeededFuture() : handOver(events);
    return Future.all(processedF, deadLetters)
        .compose(v -> acknowledge(ids))
        .onSuccess(v -> processed += events.size())
        .recover(err -> {
          errors++;
          log.warn("Batch of {} stream entries not processed ({}); they stay pending and are claimed again after"
              + " {} ms", ids.size(), err.getMessage(), cfg.claimIdleMillis());
          return Future.succeededFuture();
        });
  }

  private Future<?> handOver(List<ReceivedEvent> events) {
    progress.handed(clock.getAsLong());
    return vertx.eventBus().request(address, new IngestBatch(events), delivery)
        .onSuccess(reply -> progress.committed(clock.getAsLong()))
        .onFailure(err -> progress.failed());
  }

  private Future<Void> acknowledge(List<String> ids) {
    Request ack = Request.cmd(Command.XACK).arg(cfg.stream()).arg(cfg.group());
    Request del = Request.cmd(Command.XDEL).arg(cfg.stream());
    ids.forEach(id -> {
      ack.arg(id);
      del.arg(id);
    });
    return redis.batch(List.of(ack, del)).mapEmpty();
  }

  /** Stops reading; completes when every loop has finished the read it was doing (including its batch). */
  public Future<Void> stop() {
    stopped = true;
    if (claimTimer >= 0) {
      vertx.cancelTimer(claimTimer);
    }
    return Future.join(loops).mapEmpty();
  }

  /** Whether the processor commits what this reader hands it. */
  public ProcessingProgress progress() {
    return progress;
  }

  public long processed() {
    return processed;
  }

  public long claimed() {
    return claimed;
  }

  public long errors() {
    return errors;
  }
}

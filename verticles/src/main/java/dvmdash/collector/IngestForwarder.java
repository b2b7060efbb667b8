package dvmdash.collector;

import dvmdash.shared.Addresses;
import dvmdash.shared.model.IngestBatch;
import dvmdash.shared.model.ReceivedEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches accepted events from every connection of a collector into {@link IngestBatch}es (flushed at
 * {@code batchEvents} or after {@code batchMillis}) and requests {@link Addresses#INGEST_EVENTS} with each.
 *
 * <ul>
 *   <li>Flow control: at {@code maxInFlight} unacknowledged events, or {@code maxInFlightBytes} of them (estimated
 *       from their content and tags: a few hundred large events can fill the heap long before the count limit), it
 *       calls {@code pauseAll}, and {@code resumeAll} once both are back at half. A batch is also sent early once it
 *       holds an eighth of the byte limit.</li>
 *   <li>Progress: {@link #stalledMillis} says how long events have been waiting without any acknowledgement, for
 *       {@code /health}.</li>
 *   <li>A failed or timed-out request is retried with the same batch after a backoff: never dropped.</li>
 *   <li>Cursors advance only for acknowledged batches, in send order: a batch's relays move forward once it and every
 *       batch sent before it were acknowledged.</li>
 * </ul>
 * Confined to the owning verticle's event loop.
 */
public final class IngestForwarder implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(IngestForwarder.class);
  public static final long REQUEST_TIMEOUT_MILLIS = 30_000;

  private final Vertx vertx;
  private final int batchEvents;
  private final long batchMillis;
  private final int maxInFlight;
  private final long maxInFlightBytes;
  private final CursorStore cursors;
  private final Backoff retryBackoff;
  private final Runnable pauseAll;
  private final Runnable resumeAll;
  private final DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS);
  private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
  private List<ReceivedEvent> pending = new ArrayList<>();
  private long flushTimer = -1;
  private int inFlight;
  private long inFlightBytes;
  private long pendingBytes;
  private long lastProgressMillis;
  private boolean paused;
  private boolean stopped;
  private long batchesSent;
  private long retries;

  public IngestForwarder(Vertx vertx, int batchEvents, long batchMillis, int maxInFlight, CursorStore cursors,
                         Backoff retryBackoff, Runnable pauseAll, Runnable resumeAll) {
    this(vertx, batchEvents, batchMillis, maxInFlight, Long.MAX_VALUE, cursors, retryBackoff, pauseAll, resumeAll);
  }

  public IngestForwarder(Vertx vertx, int batchEvents, long batchMillis, int maxInFlight, long maxInFlightBytes,
                         CursorStore cursors, Backoff retryBackoff, Runnable pauseAll, Runnable resumeAll) {
    this.vertx = vertx;
    this.batchEvents = batchEvents;
    this.batchMillis = batchMillis;
    this.maxInFlight = maxInFlight;
    this.maxInFlightBytes = maxInFlightBytes;
    this.cursors = cursors;
    this.retryBackoff = retryBackoff;
    this.pauseAll = pauseAll;
    this.resumeAll = resumeAll;
  }

  /** Queues one accepted event or sighting for the next batch. */
  @Override
  public void accept(ReceivedEvent e) {
    if (stopped) {
      return;
    }
    long bytes = approxBytes(e);
    if (inFlight == 0) {
      lastProgressMillis = System.currentTimeMillis();
    }
    pending.add(e);
    inFlight++;
    inFlightBytes += bytes;
    pendingBytes += bytes;
    if (pending.size() >= batchEvents || pendingBytes >= maxInFlightBytes / 8) {
      flush();
    } else if (flushTimer < 0) {
      flushTimer = vertx.setTimer(batchMillis, id -> {
        flushTimer = -1;
        flush();
      });
    }
    if (!paused && (inFlight >= maxInFlight || inFlightBytes >= maxInFlightBytes)) {
      paused = true;
      log.info("Pausing relay sockets: {} events ({} bytes) awaiting the processor", inFlight, inFlightBytes);
      pauseAll.run();
    }
  }

  /** Sends the pending events now, if any. */
  public void flush() {
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    if (pending.isEmpty() || stopped) {
      return;
    }
    Sent s = new Sent(new IngestBatch(pending), pendingBytes);
    pending = new ArrayList<>();
    pendingBytes = 0;
    unacked.addLast(s);
    send(s);
  }

  private void send(Sent s) {
    batchesSent++;
    vertx.eventBus().request(Addresses.INGEST_EVENTS, s.batch, delivery)
        .onSuccess(reply -> acknowledged(s))
        .onFailure(err -> {
          if (stopped) {
            return;
          }
          long delay = retryBackoff.nextDelayMillis();
          retries++;
          log.warn("Ingest batch of {} events failed ({}); retrying in {} ms", s.batch.events().size(),
              err.getMessage(), delay);
          vertx.setTimer(delay, id -> {
            if (!stopped) {
              send(s);
            }
          });
        });
  }

  private void acknowledged(Sent s) {
    retryBackoff.reset();
    s.acked = true;
    inFlight -= s.batch.events().size();
    inFlightBytes -= s.bytes;
    lastProgressMillis = System.currentTimeMillis();
    while (!unacked.isEmpty() && unacked.peekFirst().acked) {
      Sent done = unacked.pollFirst();
      advanceCursors(done.batch);
      done.whenAcked.forEach(Runnable::run);
    }
    if (paused && inFlight <= maxInFlight / 2 && inFlightBytes <= maxInFlightBytes / 2) {
      paused = false;
      log.info("Resuming relay sockets: {} events awaiting the processor", inFlight);
      resumeAll.run();
    }
  }

  private void advanceCursors(IngestBatch batch) {
    Map<String, Long> newest = new HashMap<>();
    for (ReceivedEvent e : batch.events()) {
      if (!e.isSighting()) {
        newest.merge(e.relay(), e.event().createdAt(), Math::max);
      }
    }
    newest.forEach(cursors::advance);
  }

  /**
   * Runs {@code action} once every event accepted so far has been acknowledged (at once when nothing is
   * outstanding). Flushes the pending events.
   */
  @Override
  public void whenAcknowledged(Runnable action) {
    flush();
    if (unacked.isEmpty()) {
      action.run();
    } else {
      unacked.peekLast().whenAcked.add(action);
    }
  }

  /** Stops batching and retrying; unsent events are re-fetched after restart (their cursors never advanced). */
  public void stop() {
    stopped = true;
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
  }

  public int inFlight() {
    return inFlight;
  }

  /** Estimated bytes of the unacknowledged events. */
  public long inFlightBytes() {
    return inFlightBytes;
  }

  /**
   * How long events have been waiting without any acknowledgement (since the oldest of them was accepted, or since the
   * last acknowledgement if later); 0 when nothing is waiting.
   */
  public long stalledMillis(long nowMillis) {
    return inFlight == 0 || stopped ? 0 : Math.max(0, nowMillis - lastProgressMillis);
  }

  /** Estimated memory of one event: content and tag strings plus the fixed fields. */
  static long approxBytes(ReceivedEvent e) {
    if (e.isSighting() || e.event() == null) {
      return 200;
    }
    long n = 400 + e.event().content().length();
    for (List<String> tag : e.event().tags()) {
      n += 16;
      for (String v : tag) {
        n += v.length() + 8;
      }
    }
    return n;
  }

  public boolean paused() {
    return paused;
  }

  public long batchesSent() {
    return batchesSent;
  }

  public long retries() {
    return retries;
  }

  private static final class Sent {
    final IngestBatch batch;
    final long bytes;
    final List<Runnable> whenAcked = new ArrayList<>(1);
    boolean acked;

    Sent(IngestBatch batch, long bytes) {
      this.batch = batch;
      this.bytes = bytes;
    }
  }
}

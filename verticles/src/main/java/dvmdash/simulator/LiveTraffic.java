package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps generating new jobs in real time: every tick one job flow is built (on a worker thread, signing is CPU work)
 * and each of its events is published when its {@code created_at} comes (skewed results at once).
 */
public final class LiveTraffic {

  private static final Logger log = LoggerFactory.getLogger(LiveTraffic.class);

  private final Vertx vertx;
  private final List<EventSigner> customers;
  private final JobFlowGenerator jobs;
  private final SimRandom rng;
  private final Consumer<NostrEvent> publisher;
  private final long periodMillis;
  private final int jobsPerTick;
  private final Set<Long> timers = new HashSet<>();
  private long periodic = -1;

  public LiveTraffic(Vertx vertx, SimulatedNetwork network, Consumer<NostrEvent> publisher, double jobsPerSecond) {
    if (jobsPerSecond <= 0) {
      throw new IllegalArgumentException("jobsPerSecond must be > 0");
    }
    this.vertx = vertx;
    this.customers = network.customers();
    this.rng = new SimRandom(network.plan().seed() ^ 0x5eed_11feL);
    this.jobs = new JobFlowGenerator(rng.split(), network.dvms(), network.lnurlServer());
    this.publisher = publisher;
    this.periodMillis = Math.max(10, Math.round(1000 / jobsPerSecond));
    this.jobsPerTick = (int) Math.max(1, Math.round(jobsPerSecond * periodMillis / 1000.0));
  }

  public synchronized void start() {
    if (periodic < 0) {
      periodic = vertx.setPeriodic(periodMillis, id -> tick());
    }
  }

  public synchronized void stop() {
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
      periodic = -1;
    }
    for (long t : timers) {
      vertx.cancelTimer(t);
    }
    timers.clear();
  }

  private void tick() {
    vertx.executeBlocking(() -> {
      long now = System.currentTimeMillis() / 1000;
      List<NostrEvent> all = new java.util.ArrayList<>();
      synchronized (this) {
        for (int i = 0; i < jobsPerTick; i++) {
          all.addAll(jobs.job(customers.get(rng.skewedIndex(customers.size())), now, null));
        }
      }
      return all;
    }).onSuccess(this::schedule)
      .onFailure(t -> log.warn("live job generation failed: {}", t.toString()));
  }

  private synchronized void schedule(List<NostrEvent> events) {
    if (periodic < 0) {
      return;
    }
    long nowMillis = System.currentTimeMillis();
    for (NostrEvent e : events) {
      long delay = e.createdAt() * 1000 - nowMillis;
      if (delay <= 0) {
        publisher.accept(e);
      } else {
        long[] holder = new long[1];
        holder[0] = vertx.setTimer(delay, id -> {
          synchronized (this) {
            timers.remove(holder[0]);
          }
          publisher.accept(e);
        });
        timers.add(holder[0]);
      }
    }
  }
}

package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes exactly {@code n} signed events (announcements, then job flows spread over the plan's span) to a JSONL file
 * as fast as possible, one worker per core. For benchmarks: no junk, no edge cases, line order not chronological.
 */
public final class BulkGenerator {

  private static final int FLUSH_EVERY = 2_000;

  private BulkGenerator() {
  }

  /** Generates and writes; returns the number of events written. */
  public static long generate(SimulationPlan plan, long n, Path out, long now) throws Exception {
    SimulatedNetwork shape = new SimulatedNetwork(plan.withJobs(0).withJunkShare(0), now);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      long written = 0;
      for (DvmPersona d : shape.dvms()) {
        for (NostrEvent e : AnnouncementFactory.describe(d, now - plan.spanSeconds())) {
          if (written < n) {
            w.write(EventWriter.toJson(e));
            w.write('\n');
            written++;
          }
        }
      }
      long remaining = n - written;
      List<Future<Long>> parts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        long quota = remaining / threads + (i < remaining % threads ? 1 : 0);
        long workerSeed = plan.seed() * 7919 + i;
        parts.add(pool.submit(() -> work(shape, plan, quota, now, workerSeed, w)));
      }
      for (Future<Long> f : parts) {
        written += f.get();
      }
      return written;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long work(SimulatedNetwork shape, SimulationPlan plan, long quota, long now, long seed,
                           BufferedWriter w) {
    SimRandom rng = new SimRandom(seed);
    JobFlowGenerator jobs = new JobFlowGenerator(rng.split(), shape.dvms(), shape.lnurlServer());
    List<EventSigner> customers = shape.customers();
    StringBuilder buf = new StringBuilder(1 << 20);
    long done = 0;
    int pending = 0;
    while (done < quota) {
      long t = now - rng.between(3_600L, plan.spanSeconds());
      for (NostrEvent e : jobs.job(customers.get(rng.skewedIndex(customers.size())), t, null)) {
        if (done == quota) {
          break;
        }
        buf.append(EventWriter.toJson(e)).append('\n');
        done++;
        pending++;
      }
      if (pending >= FLUSH_EVERY || done == quota) {
        write(w, buf);
        pending = 0;
      }
    }
    return done;
  }

  private static void write(BufferedWriter w, StringBuilder buf) {
    synchronized (w) {
      try {
        w.append(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    buf.setLength(0);
  }
}

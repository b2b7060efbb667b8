package dvmdash.health;

import dvmdash.metrics.AppMetrics;
import dvmdash.metrics.VerticleMeters;
import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.store.HealthEvidenceWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic jobs ({@link SyntheticJob}), only with a monitor key: every 5 s, the configured jobs of watched DVMs that
 * are due ({@link ProbeSchedule}: each once per {@code health.synthetic_interval_seconds} (3600), the first after up
 * to {@code synthetic_jitter_seconds} (300), at most 10 a minute) are sent when the DVM announces the kind: a job
 * request signed by the monitor key with the input and a {@code p} tag, recorded in {@code health_jobs}, written by
 * this node's collector to its configured relays. The DVM's result (or error feedback) is matched in the batch
 * ({@link HealthEvidenceWriter}).
 */
public final class JobProber implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobProber.class);
  private static final String ANNOUNCED = "SELECT EXISTS (SELECT 1 FROM announcements WHERE pubkey = $1 AND $2 = ANY(kinds))";
  private static final String RECORD = "INSERT INTO health_jobs (request_id, dvm, kind, sent_at) VALUES ($1, $2, $3, $4)";

  private final Vertx vertx;
  private final Pool pool;
  private final EventSigner monitor;
  private final Map<String, SyntheticJob> jobs = new HashMap<>();
  private final ProbeSchedule schedule;
  private final Supplier<List<String>> watched;
  private final VerticleMeters meters;
  private long timer = -1;
  final AtomicLong sent = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  JobProber(Vertx vertx, Pool pool, EventSigner monitor, List<SyntheticJob> jobs, ProbeSchedule schedule,
            Supplier<List<String>> watched) {
    this.vertx = vertx;
    this.pool = pool;
    this.monitor = monitor;
    jobs.forEach(j -> this.jobs.put(j.key(), j));
    this.schedule = schedule;
    this.watched = watched;
    this.meters = new VerticleMeters(AppMetrics.registry(vertx))
        .counter("dvmdash_health_synthetic_jobs_total", "Synthetic job requests written to at least one relay",
            VerticleMeters.tags("result", "sent"), this, p -> p.sent.get())
        .counter("dvmdash_health_synthetic_jobs_total", "Synthetic jobs not sent: the DVM does not announce the kind",
            VerticleMeters.tags("result", "skipped"), this, p -> p.skipped.get())
        .counter("dvmdash_health_synthetic_jobs_total", "Synthetic jobs not recorded or written to no relay",
            VerticleMeters.tags("result", "failed"), this, p -> p.failures.get());
  }

  /** The running prober, or null without a monitor key or configured jobs. */
  public static JobProber start(Vertx vertx, JsonObject root, Pool pool, Supplier<List<String>> watched) {
    List<SyntheticJob> jobs = SyntheticJob.fromJson(root);
    Optional<EventSigner> key = MonitorKey.fromConfig(root, System.getenv(MonitorKey.ENV));
    if (jobs.isEmpty()) {
      return null;
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("health.synthetic_jobs needs a monitor key (health.monitor_key or "
          + MonitorKey.ENV + ") to send from");
    }
    JsonObject h = root.getJsonObject("health", new JsonObject());
    ProbeSchedule schedule = new ProbeSchedule(h.getLong("synthetic_interval_seconds", 3_600L), 10,
        h.getLong("synthetic_jitter_seconds", 300L));
    JobProber p = new JobProber(vertx, pool, key.get(), jobs, schedule, watched);
    p.timer = vertx.setPeriodic(5_000, id -> p.tick(System.currentTimeMillis() / 1000));
    log.info("{} synthetic jobs configured (sent while their DVM is watched)", jobs.size());
    return p;
  }

  /** Sends the jobs due at {@code now}. */
  void tick(long now) {
    List<String> due = new ArrayList<>();
    List<String> w = watched.get();
    for (SyntheticJob j : jobs.values()) {
      if (w.contains(j.dvm())) {
        due.add(j.key());
      }
    }
    for (String key : schedule.due(due, now)) {
      SyntheticJob j = jobs.get(key);
      send(j, now).onSuccess(result -> (switch (result) {
        case 1 -> sent;
        case 0 -> failures;
        default -> skipped;
      }).incrementAndGet()).onFailure(err -> {
        failures.incrementAndGet();
        log.debug("Synthetic job of kind {} to {} failed: {}", j.kind(), j.dvm(), err.toString());
      });
    }
  }

  /** 1: sent, 0: written to no relay, -1: skipped (kind not announced). */
  private Future<Integer> send(SyntheticJob j, long now) {
    return pool.preparedQuery(ANNOUNCED).execute(Tuple.of(j.dvm(), j.kind())).compose(rows -> {
      if (!Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))) {
        return Future.succeededFuture(-1);
      }
      NostrEvent request = monitor.sign(now, j.kind(),
          List.of(List.of("i", j.input(), j.inputType()), List.of("p", j.dvm())), "");
      return pool.preparedQuery(RECORD).execute(Tuple.of(request.id(), j.dvm(), j.kind(), now))
          .compose(v -> vertx.eventBus().<Integer>request(Addresses.RELAYS_PUBLISH,
              new JsonObject(EventWriter.toJson(request))))
          .map(m -> m.body() > 0 ? 1 : 0);
    });
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
    meters.close();
  }
}

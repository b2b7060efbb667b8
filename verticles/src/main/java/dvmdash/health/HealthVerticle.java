package dvmdash.health;

import dvmdash.metrics.AppMetrics;
import dvmdash.shared.Addresses;
import dvmdash.shared.nostr.Nip19;
import dvmdash.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: runs {@link HealthEvaluator} on processor nodes every {@code health.evaluate_seconds}, never two
 * rounds of this node at once, and publishes the state changes decided near now on {@link Addresses#HEALTH_CHANGED}
 * (changes re-decided far in the past, e.g. while importing history, are stored but not announced).
 */
public final class HealthVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HealthVerticle.class);
  /** Changes older than this (relative to the decided grid point) are not announced. */
  private static final long ANNOUNCE_SECONDS = 900;

  private final LongSupplier nowSeconds;
  private Stores stores;
  private HealthEvaluator evaluator;
  private HealthRepository repository;
  private HealthMeters meters;
  private WatchRepository watch;
  private List<String> watched = List.of();
  private Notifications notifications;
  private MaintenanceRepository maintenance;
  private ProbeLoop probes;
  private JobProber jobs;
  private long timerId = -1;
  private boolean running;

  public HealthVerticle(LongSupplier nowSeconds) {
    this.nowSeconds = nowSeconds;
  }

  @Override
  public Future<?> start() {
    HealthRules rules = HealthRules.fromJson(config());
    stores = Stores.connect(vertx, config(), "health");
    watch = new WatchRepository(stores.pg(), WatchList.fromJson(config()));
    evaluator = new HealthEvaluator(stores.pg(), rules);
    repository = new HealthRepository(stores.pg());
    meters = new HealthMeters(AppMetrics.registry(vertx), watched);
    maintenance = new MaintenanceRepository(stores.pg());
    notifications = Notifications.fromConfig(vertx, config(), nowSeconds);
    probes = ProbeLoop.start(vertx, config(), stores.pg(), () -> watched);
    jobs = JobProber.start(vertx, config(), stores.pg(), () -> watched);
    timerId = vertx.setPeriodic(1_000, rules.evaluateSeconds() * 1_000, id -> runOnce());
    log.info("DVM health evaluated every {} s (pending {} s, hold {} s, heartbeat ttl {} s)",
        rules.evaluateSeconds(), rules.pendingSeconds(), rules.minHoldSeconds(), rules.heartbeatTtlSeconds());
    return Future.succeededFuture();
  }

  private void runOnce() {
    if (running) {
      return;
    }
    running = true;
    long now = nowSeconds.getAsLong();
    long grid = evaluator.gridAt(now);
    watch.all()
        .compose(list -> {
          if (!list.equals(watched)) {
            // the watch list changed (admin API): series for exactly the DVMs now watched
            watched = list;
            meters.close();
            meters = new HealthMeters(AppMetrics.registry(vertx), watched);
          }
          return evaluator.run(now);
        })
        .onSuccess(decided -> announce(decided, grid))
        .compose(v -> maintenance.claimEnded())
        .onSuccess(this::followUp)
        .compose(v -> repository.watched(watched))
        .onSuccess(states -> meters.succeeded(now, states))
        .onFailure(err -> {
          meters.failed();
          log.warn("Health evaluation failed, retrying at the next tick: {}", err.toString());
        })
        .onComplete(ar -> running = false);
  }

  /** Publishes the changes decided near now on the event bus (the stream) and, for watched DVMs, to the notification channels. */
  private void announce(List<HealthEvaluator.Decided> decided, long grid) {
    for (HealthEvaluator.Decided d : decided) {
      if (d.change().at() > grid - ANNOUNCE_SECONDS) {
        JsonObject change = new JsonObject().put("pubkey", d.dvm())
            .put("at", d.change().at()).put("state", d.change().state().wire())
            .put("previous", d.change().previous().wire()).put("cause", d.change().cause());
        vertx.eventBus().publish(Addresses.HEALTH_CHANGED, change);
        if (watched.contains(d.dvm())) {
          JsonObject note = change.copy().put("npub", Nip19.encodeNpub(d.dvm()));
          maintenance.mutes(d.dvm(), d.change().at())
              .otherwise(err -> {
                log.warn("Maintenance windows of {} unreadable, notifying: {}", d.dvm(), err.toString());
                return false;
              })
              .onSuccess(muted -> notifications.send(note, muted));
        }
      }
    }
  }

  /**
   * A watched DVM still down or degraded when its maintenance window ended, since a change inside it (muted), is
   * notified once more: {@code previous} = {@code state}, {@code maintenance_ended} true.
   */
  private void followUp(List<MaintenanceRepository.Ended> ended) {
    for (MaintenanceRepository.Ended e : ended) {
      String dvm = e.window().dvm();
      if (e.needsFollowUp() && watched.contains(dvm) && e.window().end() > nowSeconds.getAsLong() - 86_400) {
        notifications.send(new JsonObject().put("pubkey", dvm).put("npub", Nip19.encodeNpub(dvm))
            .put("at", e.window().end()).put("state", e.state().wire()).put("previous", e.state().wire())
            .put("cause", e.cause()).put("since", e.since()).put("maintenance_ended", true), false);
      }
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    if (meters != null) {
      meters.close();
    }
    if (probes != null) {
      probes.close();
    }
    if (jobs != null) {
      jobs.close();
    }
    if (notifications != null) {
      notifications.close();
    }
    return stores == null ? Future.succeededFuture() : stores.close();
  }
}

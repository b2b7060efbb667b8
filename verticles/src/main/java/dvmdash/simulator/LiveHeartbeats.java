package dvmdash.simulator;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps the beacons whose schedule is still open beating in real time, on their scripted grid
 * ({@code start + k * interval}), so that {@code --demo} shows them up.
 */
public final class LiveHeartbeats {

  private final Vertx vertx;
  private final SimulationPlan plan;
  private final List<HeartbeatSchedule> schedules;
  private final Consumer<NostrEvent> publisher;
  private final Map<Integer, Long> lastBeat = new HashMap<>();
  private long periodic = -1;

  public LiveHeartbeats(Vertx vertx, SimulatedNetwork network, Consumer<NostrEvent> publisher) {
    this.vertx = vertx;
    this.plan = network.plan();
    this.schedules = network.truth().heartbeatSchedules();
    this.publisher = publisher;
    for (int i = 0; i < schedules.size(); i++) {
      List<Long> beats = schedules.get(i).beatTimes(network.now());
      lastBeat.put(i, beats.isEmpty() ? Long.MIN_VALUE : beats.get(beats.size() - 1));
    }
  }

  public synchronized void start() {
    if (periodic < 0 && !schedules.isEmpty()) {
      periodic = vertx.setPeriodic(1_000, id -> tick());
    }
  }

  public synchronized void stop() {
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
      periodic = -1;
    }
  }

  private synchronized void tick() {
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < schedules.size(); i++) {
      HeartbeatSchedule h = schedules.get(i);
      long last = lastBeat.get(i);
      for (long t : h.beatTimes(now)) {
        if (t > last) {
          publisher.accept(HeartbeatScript.beat(plan, i, h, t));
          lastBeat.put(i, t);
        }
      }
    }
  }
}

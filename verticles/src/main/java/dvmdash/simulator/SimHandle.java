package dvmdash.simulator;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** A running simulation: its relays, its ground truth, live publishing and shutdown. */
public final class SimHandle {

  private final Vertx vertx;
  private final SimulatedNetwork network;
  private final List<SimRelay> relays;
  private final List<String> deploymentIds;
  private LiveTraffic live;
  private LiveHeartbeats beats;

  SimHandle(Vertx vertx, SimulatedNetwork network, List<SimRelay> relays, List<String> deploymentIds) {
    this.vertx = vertx;
    this.network = network;
    this.relays = List.copyOf(relays);
    this.deploymentIds = List.copyOf(deploymentIds);
  }

  /** URL of the first relay. */
  public String url() {
    return relays.get(0).url();
  }

  public List<String> urls() {
    List<String> out = new ArrayList<>();
    for (SimRelay r : relays) {
      out.add(r.url());
    }
    return out;
  }

  public List<SimRelay> relays() {
    return relays;
  }

  public GroundTruth truth() {
    return network.truth();
  }

  public SimulatedNetwork network() {
    return network;
  }

  /** The reference time history was generated against. */
  public long now() {
    return network.now();
  }

  /** Publishes a correctly signed event on every relay and records it in the ground truth. */
  public void publish(NostrEvent e) {
    network.truth().add(e);
    for (SimRelay r : relays) {
      r.publish(e);
    }
  }

  /** Starts real-time job generation (idempotent). */
  public synchronized void startLive(double jobsPerSecond) {
    if (live == null) {
      live = new LiveTraffic(vertx, network, this::publish, jobsPerSecond);
      live.start();
      beats = new LiveHeartbeats(vertx, network, this::publish);
      beats.start();
    }
  }

  public synchronized void stopLive() {
    if (live != null) {
      live.stop();
      live = null;
      beats.stop();
      beats = null;
    }
  }

  /** Stops live generation and undeploys the relays. */
  public Future<Void> close() {
    stopLive();
    List<Future<Void>> undeploys = new ArrayList<>();
    for (String id : deploymentIds) {
      undeploys.add(vertx.undeploy(id));
    }
    return Future.all(undeploys).mapEmpty();
  }
}

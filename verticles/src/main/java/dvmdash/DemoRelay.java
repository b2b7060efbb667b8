package dvmdash;

import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.SimulatorMain;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** The `--demo` relay: the simulated DVM network (history plus live jobs) served as a local NIP-01 relay. */
final class DemoRelay implements AutoCloseable {

  private final SimHandle sim;

  private DemoRelay(SimHandle sim) {
    this.sim = sim;
  }

  static DemoRelay start(Vertx vertx, double jobsPerSecond) throws Exception {
    SimHandle sim = SimulatorMain.start(vertx, SimulationPlan.defaults(System.currentTimeMillis()), 0)
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    if (jobsPerSecond > 0) {
      sim.startLive(jobsPerSecond);
    }
    return new DemoRelay(sim);
  }

  String url() {
    return sim.url();
  }

  @Override
  public void close() throws Exception {
    sim.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

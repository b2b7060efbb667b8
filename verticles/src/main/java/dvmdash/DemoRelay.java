package dvmdash;

import dvmdash.simulator.SimHandle;
import dvmdash.simulator.SimulationPlan;
import dvmdash.simulator.SimulatorMain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** The `--demo` relay: the simulated DVM network (history plus live jobs) served as a local NIP-01 relay. */
final class DemoRelay implements AutoCloseable {

  private final SimHandle sim;

  private DemoRelay(SimHandle sim) {
    this.sim = sim;
  }

  /** Generates the simulated history and serves it; live jobs follow at {@code jobsPerSecond} (none when 0). */
  static Future<DemoRelay> start(Vertx vertx, double jobsPerSecond) {
    return SimulatorMain.start(vertx, SimulationPlan.defaults(System.currentTimeMillis()), 0)
        .timeout(120, TimeUnit.SECONDS)
        .map(sim -> {
          if (jobsPerSecond > 0) {
            sim.startLive(jobsPerSecond);
          }
          return new DemoRelay(sim);
        });
  }

  String url() {
    return sim.url();
  }

  @Override
  public void close() throws Exception {
    sim.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

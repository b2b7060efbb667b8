package dvmdash.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the simulator.
 * <pre>
 *   --port P            first relay port (0 = free; default 0); prints "RELAY ws://127.0.0.1:P" per relay
 *   --relays N          number of relays (default 1; the others on free ports)
 *   --seed S --jobs J --users U --dvms D --days N --junk SHARE
 *   --max-kinds K       refuse filters with more than K kinds (default unlimited)
 *   --live-rate R       keep generating R jobs/s in real time (default 0 = off; open heartbeat schedules go on)
 *   --beacons B         heartbeat-only DVMs on scripted schedules (default 4; see HeartbeatScript)
 *   --generate N --out FILE   write N signed events as JSONL as fast as possible, print events/s, exit
 *   --serve FILE        serve a JSONL file instead of a generated history
 * </pre>
 */
public final class SimulatorMain {

  private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

  private SimulatorMain() {
  }

  /** In-JVM start with one relay (see {@link Simulator#start(Vertx, SimulationPlan, int)}). */
  public static Future<SimHandle> start(Vertx vertx, SimulationPlan plan, int port) {
    return Simulator.start(vertx, plan, port);
  }

  public static void main(String[] args) throws Exception {
    int port = 0;
    int relayCount = 1;
    int maxKinds = 0;
    long seed = 42;
    int jobs = 600;
    int users = 40;
    int dvms = 12;
    long days = 40;
    double junk = 0.02;
    double liveRate = 0;
    int beacons = 4;
    long generate = -1;
    String out = null;
    String serve = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--port" -> port = Integer.parseInt(need(a, v));
        case "--relays" -> relayCount = Integer.parseInt(need(a, v));
        case "--max-kinds" -> maxKinds = Integer.parseInt(need(a, v));
        case "--seed" -> seed = Long.parseLong(need(a, v));
        case "--jobs" -> jobs = Integer.parseInt(need(a, v));
        case "--users" -> users = Integer.parseInt(need(a, v));
        case "--dvms" -> dvms = Integer.parseInt(need(a, v));
        case "--days" -> days = Long.parseLong(need(a, v));
        case "--junk" -> junk = Double.parseDouble(need(a, v));
        case "--live-rate" -> liveRate = Double.parseDouble(need(a, v));
        case "--beacons" -> beacons = Integer.parseInt(need(a, v));
        case "--generate" -> generate = Long.parseLong(need(a, v));
        case "--out" -> out = need(a, v);
        case "--serve" -> serve = need(a, v);
        default -> {
          System.err.println("unknown argument " + a);
          System.exit(2);
        }
      }
      i++;
    }
    SimulationPlan plan = new SimulationPlan(seed, users, dvms, jobs, days * 86_400, junk, beacons);
    long now = System.currentTimeMillis() / 1000;
    if (generate >= 0) {
      if (out == null) {
        System.err.println("--generate needs --out FILE");
        System.exit(2);
      }
      long t0 = System.nanoTime();
      long n = BulkGenerator.generate(plan, generate, Path.of(out), now);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("GENERATED %d events to %s in %.1f s (%.0f events/s)%n", n, out, secs, n / secs);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close()));
    List<SimRelayOptions> options = new ArrayList<>();
    for (int i = 0; i < relayCount; i++) {
      options.add(SimRelayOptions.onPort(i == 0 ? port : 0).withMaxKindsPerFilter(maxKinds));
    }
    if (serve != null) {
      Simulator.serve(vertx, Path.of(serve), options.get(0))
        .onSuccess(relay -> System.out.println("RELAY " + relay.url()))
        .onFailure(t -> fail(vertx, t));
      return;
    }
    double rate = liveRate;
    Simulator.start(vertx, plan, options, now)
      .onSuccess(h -> {
        for (String url : h.urls()) {
          System.out.println("RELAY " + url);
        }
        log.info("{} valid events, junk {}", h.truth().validCount(), h.truth().junkCounts());
        if (rate > 0) {
          h.startLive(rate);
        }
      })
      .onFailure(t -> fail(vertx, t));
  }

  private static String need(String flag, String value) {
    if (value == null) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return value;
  }

  private static void fail(Vertx vertx, Throwable t) {
    log.error("simulator failed to start", t);
    vertx.close();
    System.exit(1);
  }
}

package dvmdash.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Starts simulations inside a running Vert.x (for {@code --demo}, tests and {@link SimulatorMain}). */
public final class Simulator {

  /** Delay between processing feedback and result when DVMs answer client requests. */
  public static final long RESPONDER_DELAY_MILLIS = 1_000;

  private Simulator() {
  }

  /** One relay on {@code port} (0 = free) with history generated against the current time. */
  public static Future<SimHandle> start(Vertx vertx, SimulationPlan plan, int port) {
    return start(vertx, plan, List.of(SimRelayOptions.onPort(port)), System.currentTimeMillis() / 1000);
  }

  /** One relay per options entry, sharing a history generated against {@code now} (unix seconds). */
  public static Future<SimHandle> start(Vertx vertx, SimulationPlan plan, List<SimRelayOptions> relayOptions,
                                        long now) {
    return vertx.executeBlocking(() -> new SimulatedNetwork(plan, now))
      .compose(network -> {
        List<List<RelayEntry>> contents = network.relayContents(relayOptions.size());
        List<SimRelay> relays = new ArrayList<>();
        List<Future<String>> deployments = new ArrayList<>();
        for (int i = 0; i < relayOptions.size(); i++) {
          SimRelay relay = new SimRelay(relayOptions.get(i), contents.get(i));
          relays.add(relay);
          deployments.add(vertx.deployVerticle(relay));
        }
        return Future.all(deployments).map(cf -> {
          List<String> ids = new ArrayList<>();
          for (Future<String> f : deployments) {
            ids.add(f.result());
          }
          SimHandle handle = new SimHandle(vertx, network, relays, ids);
          LiveResponder responder = new LiveResponder(vertx, network, handle::publish, RESPONDER_DELAY_MILLIS);
          for (SimRelay r : relays) {
            r.onClientEvent(responder::onClientEvent);
          }
          return handle;
        });
      });
  }

  /** One relay serving the events of a JSONL file (one event per line, e.g. written by {@link BulkGenerator}). */
  public static Future<SimRelay> serve(Vertx vertx, Path file, SimRelayOptions options) {
    return vertx.executeBlocking(() -> {
      List<RelayEntry> entries = new ArrayList<>();
      try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        lines.filter(l -> !l.isBlank())
          .forEach(l -> entries.add(RelayEntry.lenient(l)));
      }
      return entries;
    }).compose(entries -> {
      SimRelay relay = new SimRelay(options, entries);
      return vertx.deployVerticle(relay).map(id -> relay);
    });
  }
}

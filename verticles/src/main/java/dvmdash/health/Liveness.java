package dvmdash.health;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What {@code GET /health} asks besides "the process answers": each running pipeline part registers a check that
 * names a problem when it cannot make progress (for example events waiting for minutes without any
 * acknowledgement, while the heap is exhausted or a store client is closed). Any problem turns {@code /health} to 503,
 * so that a supervisor restarts the node (the crash-safe restart re-fetches what was not committed). One registry per
 * {@link Vertx}; thread-safe.
 */
public final class Liveness {

  private static final Map<Vertx, Liveness> BY_VERTX = new WeakHashMap<>();

  /** A registered check; {@link #close()} removes it (when its verticle stops). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private final List<Supplier<Optional<String>>> checks = new CopyOnWriteArrayList<>();

  public static synchronized Liveness of(Vertx vertx) {
    return BY_VERTX.computeIfAbsent(vertx, v -> new Liveness());
  }

  public Registration register(Supplier<Optional<String>> check) {
    checks.add(check);
    return () -> checks.remove(check);
  }

  /** The current problems; empty when the node is alive. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    for (Supplier<Optional<String>> c : checks) {
      try {
        c.get().ifPresent(out::add);
      } catch (RuntimeException e) {
        out.add("check failed: " + e);
      }
    }
    return out;
  }
}

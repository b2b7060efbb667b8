package dvmdash.reload;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a configuration change means for a running node: the components to redeploy (their sections changed) and
 * the changed sections that only take effect after a restart (stores, Redis, etcd, role, data directory: they decide
 * which processes and connections exist at all).
 */
public record ConfigDiff(Set<Component> redeploy, List<String> needsRestart) {

  /** Keys that are not settings (added by the node itself) and never count as a change. */
  private static final Set<String> IGNORED = Set.of("node_id");

  public static ConfigDiff between(JsonObject running, JsonObject next) {
    Set<String> changed = new TreeSet<>();
    for (String k : running.fieldNames()) {
      if (!IGNORED.contains(k) && !Objects.equals(running.getValue(k), next.getValue(k))) {
        changed.add(k);
      }
    }
    for (String k : next.fieldNames()) {
      if (!IGNORED.contains(k) && !running.containsKey(k)) {
        changed.add(k);
      }
    }
    Set<Component> redeploy = EnumSet.noneOf(Component.class);
    List<String> restart = new ArrayList<>();
    for (String key : changed) {
      boolean reloadable = false;
      for (Component c : Component.values()) {
        if (c.sections().contains(key)) {
          redeploy.add(c);
          reloadable = true;
        }
      }
      if (!reloadable) {
        restart.add(key);
      }
    }
    return new ConfigDiff(redeploy, List.copyOf(restart));
  }

  public boolean isEmpty() {
    return redeploy.isEmpty() && needsRestart.isEmpty();
  }
}

package dvmdash.health;

import dvmdash.shared.nostr.AnnouncedRelays;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where each DVM's ping goes: the relays of its latest announcement that names any ({@code announcements.relays}),
 * less those {@link RelayGuard} refuses (a configured relay is never refused); a DVM without such relays (none
 * announced, or all refused) is pinged on the configured relays ({@code collector.relays}). Reloaded by
 * {@link #refresh}; between reloads the lists stay as they were, so {@link ProbeSchedule}'s per-relay bound counts
 * exactly the relays the pings go to.
 */
public final class ProbeRelays {

  /** Stands for the configured relays when the configuration does not list them (an etcd-managed list). */
  public static final String CONFIGURED = "(configured relays)";
  private static final String ANNOUNCED = """
      SELECT DISTINCT ON (pubkey) pubkey, relays FROM announcements WHERE cardinality(relays) > 0
      ORDER BY pubkey, created_at DESC, event_id LIMIT""" + " " + ProbeTargets.MAX;

  /** A relay a DVM announced and the guard allowed, with the address to connect to (null: resolve as usual). */
  record Target(String url, SocketAddress server) {
  }

  /** A DVM's announced relays in use ({@code targets}, empty: configured relays) and how many were refused. */
  record Route(List<Target> targets, int refused) {

    static final Route CONFIGURED = new Route(List.of(), 0);

    List<String> urls() {
      return targets.stream().map(Target::url).toList();
    }
  }

  private final Pool pool;
  private final RelayGuard guard;
  private final List<String> configured;
  private volatile Map<String, Route> routes = Map.of();

  ProbeRelays(Pool pool, RelayGuard guard, List<String> configured) {
    this.pool = pool;
    this.guard = guard;
    this.configured = configured.isEmpty() ? List.of(CONFIGURED) : List.copyOf(configured);
  }

  /** The configured relays of {@code root} ({@code collector.relays}), normalized, without duplicates. */
  static List<String> configured(JsonObject root) {
    JsonArray list = root.getJsonObject("collector", new JsonObject()).getJsonArray("relays", new JsonArray());
    Set<String> out = new LinkedHashSet<>();
    for (Object o : list) {
      AnnouncedRelays.normalize(String.valueOf(o)).ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }

  /** Reloads the announced relays and vets each distinct URL once; resolves to the number of DVMs with any in use. */
  public Future<Integer> refresh() {
    return pool.query(ANNOUNCED).execute().compose(rows -> {
      Map<String, List<String>> announced = new HashMap<>();
      Set<String> urls = new LinkedHashSet<>();
      for (Row r : rows) {
        List<String> list = new ArrayList<>();
        for (String u : r.getArrayOfStrings("relays")) {
          // stored lists are normalized already; normalizing again keeps a hand-edited row from being dialled as is
          AnnouncedRelays.normalize(u).filter(n -> !list.contains(n) && list.size() < AnnouncedRelays.MAX)
              .ifPresent(list::add);
        }
        announced.put(r.getString("pubkey"), list);
        urls.addAll(list);
      }
      List<Future<RelayGuard.Verdict>> checks = new ArrayList<>();
      for (String u : urls) {
        checks.add(vet(u));
      }
      return Future.join(checks).transform(ar -> {
        Map<String, RelayGuard.Verdict> verdicts = new HashMap<>();
        for (Future<RelayGuard.Verdict> f : checks) {
          if (f.succeeded()) {
            verdicts.put(f.result().url(), f.result());
          }
        }
        routes = routes(announced, verdicts::get);
        return Future.succeededFuture(routes.size());
      });
    });
  }

  /**
   * A configured relay is trusted as the operator's choice (also on a private address); any other goes to the guard.
   */
  Future<RelayGuard.Verdict> vet(String url) {
    return configured.contains(url) ? Future.succeededFuture(new RelayGuard.Verdict(url, true, null, null))
        : guard.check(url);
  }

  /** Each DVM's route from its announced relays and their verdicts (a URL without verdict is refused). */
  static Map<String, Route> routes(Map<String, List<String>> announced,
                                   Function<String, RelayGuard.Verdict> verdicts) {
    Map<String, Route> out = new HashMap<>();
    for (Map.Entry<String, List<String>> e : announced.entrySet()) {
      List<Target> targets = new ArrayList<>();
      int refused = 0;
      for (String u : e.getValue()) {
        RelayGuard.Verdict v = verdicts.apply(u);
        if (v != null && v.allowed()) {
          targets.add(new Target(u, v.server()));
        } else {
          refused++;
        }
      }
      if (!targets.isEmpty() || refused > 0) {
        out.put(e.getKey(), new Route(List.copyOf(targets), refused));
      }
    }
    return out;
  }

  /** Fixed routes (tests). */
  void set(Map<String, Route> fixed) {
    routes = Map.copyOf(fixed);
  }

  /** Where {@code dvm}'s ping goes now. */
  Route route(String dvm) {
    return routes.getOrDefault(dvm, Route.CONFIGURED);
  }

  /** The relays {@code dvm}'s ping is written to, as {@link ProbeSchedule} counts them. */
  List<String> relaysOf(String dvm) {
    Route r = route(dvm);
    return r.targets().isEmpty() ? configured : r.urls();
  }

  /** How many DVMs are pinged on announced relays. */
  int announcing() {
    int n = 0;
    for (Route r : routes.values()) {
      n += r.targets().isEmpty() ? 0 : 1;
    }
    return n;
  }
}

package dvmdash.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * What one {@code /api/stream} client follows ({@code ?kind=} and {@code ?dvm=}, both optional). A {@code job} message
 * passes when its job kind ({@code request_kind}) is one of the kinds, and when it is by the DVM (its results and
 * feedback) or a request addressed to it ({@code p}); other messages (the global {@code stats}) always pass.
 */
record StreamFilter(Set<Integer> kinds, String dvm) {

  static final StreamFilter ALL = new StreamFilter(Set.of(), null);

  /** From the request's parameters; bad values are a 400. */
  static StreamFilter of(RoutingContext ctx) {
    List<Integer> kinds = Params.intList(ctx, "kind", 5000, 5999, EventRoutes.MAX_KINDS);
    return new StreamFilter(Set.copyOf(kinds), Params.optionalHex64(ctx, "dvm"));
  }

  boolean accepts(String event, JsonObject data) {
    if (!"job".equals(event)) {
      return true;
    }
    Integer kind = data.getInteger("request_kind");
    if (!kinds.isEmpty() && (kind == null || !kinds.contains(kind))) {
      return false;
    }
    if (dvm == null) {
      return true;
    }
    if (dvm.equals(data.getString("pubkey")) && !"request".equals(data.getString("type"))) {
      return true;
    }
    JsonArray addressed = data.getJsonArray("p");
    return "request".equals(data.getString("type")) && addressed != null && addressed.contains(dvm);
  }
}

package dvmdash.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The last {@code /api/*} route: a path that some route serves with other methods answers 405 with an
 * {@code Allow} header (GET routes also allow HEAD), any other path 404; both as {@code {"error": …}}.
 */
public final class ApiFallback implements Handler<RoutingContext> {

  private final Router router;
  private volatile List<Served> served;

  private record Served(Pattern path, Set<HttpMethod> methods) {
  }

  public ApiFallback(Router router) {
    this.router = router;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    Set<String> allowed = new TreeSet<>();
    for (Served s : served()) {
      if (s.path.matcher(path).matches()) {
        s.methods.forEach(m -> allowed.add(m.name()));
        if (s.methods.contains(HttpMethod.GET)) {
          allowed.add(HttpMethod.HEAD.name());
        }
      }
    }
    if (allowed.isEmpty() || allowed.contains(ctx.request().method().name())) {
      Replies.error(ctx, 404, "no such endpoint: " + path);
      return;
    }
    ctx.response().putHeader("Allow", String.join(", ", allowed));
    Replies.error(ctx, 405, "method " + ctx.request().method().name() + " not allowed on " + path + " (allowed: "
        + String.join(", ", allowed) + ")");
  }

  private List<Served> served() {
    if (served == null) {
      List<Served> out = new ArrayList<>();
      for (Route r : router.getRoutes()) {
        String p = r.getPath();
        if (p == null || r.methods() == null || r.methods().isEmpty() || !p.startsWith("/api/")) {
          continue;
        }
        out.add(new Served(pattern(p), Set.copyOf(r.methods())));
      }
      served = out;
    }
    return served;
  }

  /** {@code /api/dvms/:pubkey} → {@code /api/dvms/[^/]+}; a trailing {@code *} matches the rest. */
  static Pattern pattern(String routePath) {
    List<String> out = new ArrayList<>();
    for (String part : routePath.split("/", -1)) {
      out.add(part.startsWith(":") ? "[^/]+" : part.equals("*") ? ".*" : part.isEmpty() ? "" : Pattern.quote(part));
    }
    return Pattern.compile(String.join("/", out));
  }
}

package dvmdash.api;

import java.util.Optional;
import java.util.Set;

/**
 * Whether the HTTP bind address exposes the admin API: with an admin token set, listening on every interface
 * (IPv4 and IPv6) serves {@code /api/admin/*} to anyone who can reach the port, not only through the TLS proxy.
 * See docs/deployment.md, "Binding behind the proxy".
 */
public final class BindWarning {

  private static final Set<String> ALL_INTERFACES = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*", "");

  private BindWarning() {
  }

  /** The warning to log at start, if any. */
  public static Optional<String> check(String host, String adminToken) {
    boolean token = adminToken != null && !adminToken.isBlank();
    String h = host == null ? "" : host.trim();
    if (!token || !ALL_INTERFACES.contains(h)) {
      return Optional.empty();
    }
    return Optional.of("The admin API is enabled (admin.token) and the server listens on all interfaces (" + h
        + "): bind http.host (DVMDASH_HTTP_HOST) to 127.0.0.1 or a private address behind the TLS proxy"
        + " (docs/deployment.md, \"Binding behind the proxy\")");
  }
}

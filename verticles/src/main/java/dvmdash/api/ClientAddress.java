package dvmdash.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, for per-client limits (live streams, playground). The socket's peer, unless that
 * peer is a configured trusted proxy ({@code http.trusted_proxies}, e.g. {@code ["127.0.0.1"]} behind nginx on the
 * same droplet): then the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy. A client
 * can prepend anything to that header, so only what the trusted proxy appended counts; without trusted proxies the
 * header is ignored.
 */
public final class ClientAddress {

  private final Set<String> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  public String of(HttpServerRequest req) {
    String peer = req.remoteAddress() == null ? "?" : req.remoteAddress().host();
    return resolve(peer, req.getHeader("X-Forwarded-For"));
  }

  /** The client of a request from {@code peer} carrying {@code forwardedFor} (may be null). */
  String resolve(String peer, String forwardedFor) {
    if (!trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}

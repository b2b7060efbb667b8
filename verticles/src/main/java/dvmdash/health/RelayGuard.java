package dvmdash.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Vets a relay URL taken from an announcement (attacker-controlled input) before DVMDash connects to it: its host must
 * resolve, and to public addresses only: never loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), shared
 * (100.64/10), link-local, unspecified or multicast, unless {@code health.probe_private_relays} allows them (tests,
 * a private network). An allowed URL comes with the address it resolved to, so the connection goes there and a
 * second resolution cannot redirect it.
 */
final class RelayGuard {

  /** A URL's verdict: {@code server} is where to connect (null: resolve as usual), {@code reason} why it is refused. */
  record Verdict(String url, boolean allowed, SocketAddress server, String reason) {
  }

  private final Vertx vertx;
  private final boolean allowPrivate;

  RelayGuard(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** Resolves {@code url}'s host (blocking, on a worker) and judges it; never fails. */
  Future<Verdict> check(String url) {
    if (allowPrivate) {
      return Future.succeededFuture(new Verdict(url, true, null, null));
    }
    return vertx.executeBlocking(() -> judge(url, resolve(url)), false)
        .otherwise(err -> new Verdict(url, false, null, "unresolvable"));
  }

  private static InetAddress[] resolve(String url) throws UnknownHostException {
    String host = URI.create(url).getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return InetAddress.getAllByName(host);
  }

  /** The verdict on {@code url} given every address its host resolves to: refused if any of them is not public. */
  static Verdict judge(String url, InetAddress[] addresses) {
    if (addresses == null || addresses.length == 0) {
      return new Verdict(url, false, null, "unresolvable");
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        return new Verdict(url, false, null, "private");
      }
    }
    URI u = URI.create(url);
    int port = u.getPort() > 0 ? u.getPort() : "wss".equals(u.getScheme()) ? 443 : 80;
    return new Verdict(url, true, SocketAddress.inetSocketAddress(port, addresses[0].getHostAddress()), null);
  }

  /** False for loopback, private, shared, link-local, unspecified and multicast addresses (IPv4 and IPv6). */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8 "this network", 100.64/10 carrier-grade NAT, 192.0.0/24 protocol assignments, 240/4 reserved
      return first != 0 && !(first == 100 && second >= 64 && second < 128)
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 240;
    }
    if (a instanceof Inet6Address) {
      // fc00::/7 unique local; IPv4-mapped and -compatible forms are judged by their IPv4 part
      if ((b[0] & 0xfe) == 0xfc) {
        return false;
      }
      boolean zeroPrefix = true;
      for (int i = 0; i < 10; i++) {
        zeroPrefix &= b[i] == 0;
      }
      if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}

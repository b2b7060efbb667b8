package dvmdash.shared.nostr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The relays a DVM names in its announcement ({@code ["relays", url, url, …]}, one or several such tags, or the
 * nameless list {@code [url, url, …]} of protocol quirk 14), where DVMDash sends it probes: normalized ws/wss URLs
 * ({@link #normalize}), in order, without duplicates, at most {@link #MAX}. Malformed entries are skipped; never
 * throws.
 */
public final class AnnouncedRelays {

  /** At most this many relays per announcement (and so per DVM). */
  public static final int MAX = 8;
  /** Longer URLs are refused. */
  public static final int MAX_URL_LENGTH = 256;

  private AnnouncedRelays() {
  }

  /** The announced relays of {@code e}; empty when it names none. */
  public static List<String> of(NostrEvent e) {
    Set<String> out = new LinkedHashSet<>();
    for (List<String> tag : e.tags()) {
      if (tag == null || tag.isEmpty()) {
        continue;
      }
      String name = tag.get(0);
      int from = "relays".equals(name) ? 1 : isRelayLike(name) ? 0 : -1;
      for (int i = Math.max(from, 0); from >= 0 && i < tag.size() && out.size() < MAX; i++) {
        normalize(tag.get(i)).ifPresent(out::add);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * {@code url} as compared and dialled: scheme and host in lower case, the default port (80 for ws, 443 for wss)
   * and a lone trailing {@code /} dropped, no fragment; empty unless it is an absolute ws or wss URL with a host, no
   * user info, no blanks or control characters and at most {@link #MAX_URL_LENGTH} characters.
   */
  public static Optional<String> normalize(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String s = url.strip();
    if (s.isEmpty() || s.length() > MAX_URL_LENGTH || !isRelayLike(s)) {
      return Optional.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost();
    if (host == null || host.isEmpty() || u.getRawUserInfo() != null || (u.getPort() < 0 && u.getRawAuthority() != null
        && u.getRawAuthority().endsWith(":"))) {
      return Optional.empty();
    }
    int port = u.getPort();
    if (port > 65_535) {
      return Optional.empty();
    }
    boolean defaultPort = port == -1 || ("ws".equals(scheme) && port == 80) || ("wss".equals(scheme) && port == 443);
    String path = u.getRawPath() == null || "/".equals(u.getRawPath()) ? "" : u.getRawPath();
    String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
    return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path + query);
  }

  private static boolean isRelayLike(String s) {
    return s != null && s.length() > 6 && (s.regionMatches(true, 0, "ws://", 0, 5)
        || s.regionMatches(true, 0, "wss://", 0, 6));
  }
}

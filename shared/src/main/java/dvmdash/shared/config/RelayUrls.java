package dvmdash.shared.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relay URLs as shown to people: a URL may carry credentials ({@code wss://user:pw@host/?token=…}), which must not
 * appear in the public API, in metric labels or in logs. {@link #redact} keeps scheme, host, port, path and query
 * parameter names, and replaces the userinfo and every query value (and a fragment) by {@value #MASK}.
 */
public final class RelayUrls {

  public static final String MASK = "***";
  private static final Pattern PARTS =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*@)?([^?#]*)(\\?[^#]*)?(#.*)?$", Pattern.DOTALL);

  private RelayUrls() {
  }

  /** The URL with its userinfo and query values masked; the URL itself when it holds neither. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = PARTS.matcher(url);
    if (!m.matches()) {
      return url.indexOf('@') >= 0 || url.indexOf('?') >= 0 ? MASK : url;
    }
    StringBuilder out = new StringBuilder(url.length()).append(m.group(1));
    if (m.group(2) != null) {
      out.append(MASK).append('@');
    }
    out.append(m.group(3));
    String query = m.group(4);
    if (query != null) {
      out.append('?');
      String[] params = query.substring(1).split("&", -1);
      for (int i = 0; i < params.length; i++) {
        if (i > 0) {
          out.append('&');
        }
        String p = params[i];
        int eq = p.indexOf('=');
        if (eq >= 0) {
          out.append(p, 0, eq + 1).append(MASK);
        } else if (!p.isEmpty()) {
          out.append(MASK);
        }
      }
    }
    if (m.group(5) != null && m.group(5).length() > 1) {
      out.append('#').append(MASK);
    }
    return out.toString();
  }

  /** {@link #redact} of each URL, in order (for logs). */
  public static java.util.List<String> redactAll(java.util.Collection<String> urls) {
    return urls.stream().map(RelayUrls::redact).toList();
  }

  /** True when {@link #redact} changes the URL (it holds credentials or query values). */
  public static boolean hasSecrets(String url) {
    return url != null && !url.equals(redact(url));
  }
}

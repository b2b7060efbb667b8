package dvmdash.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usual security headers on every answer: {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer} and a {@code Content-Security-Policy} fitting the Svelte dashboard: scripts and
 * styles from the server itself (plus the hashes of the inline scripts of the served {@code index.html}, such as the
 * theme script that runs before first paint), inline styles (Svelte's {@code style:} directives), pictures of DVMs
 * from any https host, connections (fetch, EventSource) to the server only, no frames, no plugins.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  private final String policy;

  /** @param indexHtml the served dashboard page, or null when none is served */
  public SecurityHeaders(String indexHtml) {
    this.policy = policy(indexHtml);
  }

  static String policy(String indexHtml) {
    StringBuilder scripts = new StringBuilder("'self'");
    for (String hash : inlineScriptHashes(indexHtml)) {
      scripts.append(" 'sha256-").append(hash).append('\'');
    }
    return "default-src 'self'; script-src " + scripts + "; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' https: data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";
  }

  static List<String> inlineScriptHashes(String html) {
    List<String> out = new ArrayList<>();
    if (html == null) {
      return out;
    }
    Matcher m = INLINE_SCRIPT.matcher(html);
    while (m.find()) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
        out.add(Base64.getEncoder().encodeToString(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  public String policy() {
    return policy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("X-Frame-Options", "DENY");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", policy);
    ctx.next();
  }
}

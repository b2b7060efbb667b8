package dvmdash.health;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends state changes of watched DVMs to a webhook: a JSON POST, retried after a failure (connection error, timeout
 * or a status outside 2xx) with exponential backoff ({@code baseMillis · 2^attempt}, at most 60 s) up to
 * {@code retries} times; deliveries, failures, retries and drops are counted. At most {@link #MAX_PENDING}
 * notifications wait at once (more are dropped and counted, so a dead receiver never grows memory).
 */
public final class WebhookNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);
  public static final int MAX_PENDING = 1_000;
  private static final long MAX_BACKOFF_MS = 60_000;
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final URI url;
  private final int retries;
  private final long baseMillis;
  private final AtomicLong pending = new AtomicLong();
  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();

  public WebhookNotifier(Vertx vertx, String url, int retries, long baseMillis) {
    this.vertx = vertx;
    this.url = URI.create(url);
    if (!"http".equals(this.url.getScheme()) && !"https".equals(this.url.getScheme()) || this.url.getHost() == null) {
      throw new IllegalArgumentException("health.webhook_url must be an http(s) URL with a host: " + url);
    }
    this.retries = retries;
    this.baseMillis = baseMillis;
    this.client = vertx.createHttpClient(new HttpClientOptions().setSsl("https".equals(this.url.getScheme()))
        .setVerifyHost(true));
  }

  /** Queues one notification (non-blocking). */
  public void send(JsonObject body) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      log.warn("webhook: {} notifications pending, dropping the change of {}", MAX_PENDING, body.getString("pubkey"));
      return;
    }
    attempt(body, 0);
  }

  static long backoffMillis(long baseMillis, int attempt) {
    return Math.min(MAX_BACKOFF_MS, baseMillis << Math.min(attempt, 20));
  }

  private void attempt(JsonObject body, int attempt) {
    int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port)
        .setURI(path).setIdleTimeout(TIMEOUT_MS).putHeader("Content-Type", "application/json");
    client.request(opts)
        .compose(req -> req.send(body.toBuffer()))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          boolean ok = ar.succeeded() && ar.result() / 100 == 2;
          if (ok) {
            delivered.incrementAndGet();
            pending.decrementAndGet();
          } else if (attempt < retries) {
            retried.incrementAndGet();
            vertx.setTimer(backoffMillis(baseMillis, attempt), id -> attempt(body, attempt + 1));
          } else {
            failed.incrementAndGet();
            pending.decrementAndGet();
            log.warn("webhook: giving up on the change of {} after {} attempts: {}", body.getString("pubkey"),
                attempt + 1, ar.succeeded() ? "status " + ar.result() : ar.cause().toString());
          }
        });
  }

  @Override
  public void close() {
    client.close();
  }
}

package dvmdash.api;

import dvmdash.metrics.VerticleMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of the API node (docs/metrics.md): open live streams, streams the server closed or refused, and how many
 * stats answers were shared or computed. Read from the running verticle's {@link StreamHandler} and
 * {@link AnswerCache} through {@link VerticleMeters}, so a redeployed API keeps counting.
 */
public final class ApiMeters {

  private static final String DROPPED = "Live streams closed by the server";
  private static final String ANSWERS =
      "Answers of the stats, jobs-list and job debugger endpoints (docs/api-spec.md, shared answers)";

  private ApiMeters() {
  }

  /** Registers the meters; closing the result detaches them (the verticle's stop). */
  public static VerticleMeters register(MeterRegistry registry, StreamHandler stream, AnswerCache answers) {
    return new VerticleMeters(registry)
        .gauge("dvmdash_sse_clients", "Open live-update streams (/api/stream)", Tags.empty(), stream,
            StreamHandler::clients)
        .counter("dvmdash_sse_dropped_total", DROPPED, Tags.of("reason", "stalled"), stream,
            StreamHandler::stalledClosed)
        .counter("dvmdash_sse_dropped_total", DROPPED, Tags.of("reason", "evicted"), stream, StreamHandler::evicted)
        .counter("dvmdash_sse_dropped_total", DROPPED, Tags.of("reason", "behind"), stream, StreamHandler::dropped)
        .counter("dvmdash_sse_refused_total", "Live streams refused", Tags.of("reason", "per_client"), stream,
            StreamHandler::refusedPerClient)
        .counter("dvmdash_api_answers_total", ANSWERS, Tags.of("source", "shared"), answers, AnswerCache::hits)
        .counter("dvmdash_api_answers_total", ANSWERS, Tags.of("source", "computed"), answers, AnswerCache::misses);
  }
}

package dvmdash.truth;

import dvmdash.shared.nostr.NostrEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Independent oracle for every figure of docs/metrics.md, computed with plain maps and loops from the valid events
 * and a {@code now} (unix seconds). Output is shaped like the API. Input is de-duplicated by id and excluded kinds
 * are dropped, so callers may pass raw material.
 *
 * <p>Readings of the doc where it leaves a choice: an {@code amount} tag that is not 1..18 digits makes its event
 * count as carrying no amount (an earlier valid amount then wins); most_popular_dvm/kind are null when no DVM has a
 * result / no request exists in the window; pair kind of an unseen request is the smallest of D's result kinds − 1000;
 * time series for {@code all} without data have no points.
 *
 * <p>This class is a facade: the input, classified and paired, is {@link TruthEvents}; the figure families are
 * {@link TruthGlobal}, {@link TruthDvms}, {@link TruthKinds} and {@link TruthTimeseries}, over the shared
 * {@link TruthZaps} and {@link TruthFigures}.
 */
public final class TruthCalculator {

  public static final Set<Integer> EXCLUDED_KINDS = TruthEvents.EXCLUDED_KINDS;

  private final TruthEvents events;
  private final TruthGlobal global;
  private final TruthDvms dvms;
  private final TruthKinds kinds;
  private final TruthTimeseries timeseries;

  public TruthCalculator(List<NostrEvent> events, long now) {
    this.events = new TruthEvents(events, now);
    TruthZaps zaps = new TruthZaps(this.events.zaps);
    this.global = new TruthGlobal(this.events, zaps);
    this.dvms = new TruthDvms(this.events, zaps);
    this.kinds = new TruthKinds(this.events, zaps);
    this.timeseries = new TruthTimeseries(this.events);
  }

  public static long bucketSeconds(String range) {
    return TruthEvents.bucketSeconds(range);
  }

  /** floor(now/60)*60 − W, or null for {@code all}. */
  public Long windowStart(String range) {
    return events.windowStart(range);
  }

  public JsonObject global(String range) {
    return global.global(range);
  }

  /** DVMs with at least one result or feedback in the window, sorted by pubkey. */
  public JsonArray dvms(String range) {
    return dvms.dvms(range);
  }

  /** Figures of one DVM (whether or not it is in the list for this range). */
  public JsonObject dvm(String range, String d) {
    return dvms.dvm(range, d);
  }

  /** Kinds with any request, result or counted feedback in the window, sorted. */
  public JsonArray kinds(String range) {
    return kinds.kinds(range);
  }

  public JsonObject kind(String range, int k) {
    return kinds.kind(range, k);
  }

  /** The DVM rows of kind {@code k}'s detail (see {@link TruthKinds#kindDvms}). */
  public JsonArray kindDvms(String range, int k) {
    return kinds.kindDvms(range, k);
  }

  /** Time series for a range; at most one of {@code kind} and {@code dvm} may be given. */
  public JsonObject timeseries(String range, Integer kind, String dvm) {
    return timeseries.timeseries(range, kind, dvm);
  }
}

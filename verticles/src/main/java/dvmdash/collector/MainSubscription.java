package dvmdash.collector;

import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DVM-kinds subscription of one connection: its REQs per the current {@link SubscriptionPlan} from the relay's
 * cursor ({@code since = cursor − skew}), and the wait for every EOSE. When the relay refuses it (CLOSED, a NOTICE
 * about filters, or no EOSE and no stored event in time) it re-subscribes with the next finer plan; a backlog still
 * streaming is waited for. NOTICE and CLOSED frames are counted, and logged at most
 * {@value #LOGGED_NOTICES_PER_MINUTE} a minute. Confined to the connection's event loop.
 */
final class MainSubscription {

  /** Logged under the connection's name: one relay's lines stay together. */
  private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);
  /** NOTICE and CLOSED frames a relay may put in the log per minute; the rest are only counted. */
  static final int LOGGED_NOTICES_PER_MINUTE = 5;
  private static final Pattern FILTER_NOTICE =
      Pattern.compile("filter|kinds|too many|too large|too long|too big", Pattern.CASE_INSENSITIVE);

  private final Vertx vertx;
  private final String url;
  private final String shown;
  private final CollectorConfig config;
  private final CursorStore cursors;
  private final BacklogCheckpoints backlog;
  private final RelayStats stats;
  private final Consumer<String> write;
  private final LogBudget relayLog = new LogBudget(LOGGED_NOTICES_PER_MINUTE, 60_000);
  private final Set<String> mainSubs = new LinkedHashSet<>();
  private final Set<String> awaitingEose = new LinkedHashSet<>();
  private SubscriptionPlan plan;
  private long eoseTimer = -1;
  private long backlogEvents;

  /** {@code shown}: the URL as logged; {@code write}: sends a frame on the current socket. */
  MainSubscription(Vertx vertx, String url, String shown, CollectorConfig config, SubscriptionPlan plan,
                   CursorStore cursors, BacklogCheckpoints backlog, RelayStats stats, Consumer<String> write) {
    this.vertx = vertx;
    this.url = url;
    this.shown = shown;
    this.config = config;
    this.plan = plan;
    this.cursors = cursors;
    this.backlog = backlog;
    this.stats = stats;
    this.write = write;
  }

  SubscriptionPlan plan() {
    return plan;
  }

  /** Sends the REQs of the current plan from the cursor and starts waiting for their EOSE. */
  void subscribe() {
    Long since = cursors.since(url, config.resumeSkewSeconds());
    List<SubscriptionPlan.Req> reqs = plan.mainRequests(since);
    mainSubs.clear();
    awaitingEose.clear();
    for (SubscriptionPlan.Req req : reqs) {
      mainSubs.add(req.subId());
      awaitingEose.add(req.subId());
      write.accept(req.toFrame());
    }
    backlog.subscribed(since, mainSubs);
    armEoseTimer();
  }

  /**
   * Waits {@code eose_timeout_millis} for the EOSE of the main subscriptions. Stored events still arriving for them
   * mean the relay is streaming a large backlog, not refusing: wait another period instead of splitting. Only a
   * period without any of them (silence) counts as a refusal.
   */
  private void armEoseTimer() {
    if (eoseTimer >= 0) {
      vertx.cancelTimer(eoseTimer);
    }
    long seenAtArm = backlogEvents;
    eoseTimer = vertx.setTimer(config.eoseTimeoutMillis(), id -> {
      eoseTimer = -1;
      if (awaitingEose.isEmpty()) {
        return;
      }
      if (backlogEvents > seenAtArm) {
        log.debug("{} still streaming its backlog ({} events so far); waiting for EOSE", shown, backlogEvents);
        armEoseTimer();
      } else {
        split("no EOSE within " + config.eoseTimeoutMillis() + " ms");
      }
    });
  }

  /** An event (new or duplicate) arrived for {@code subId}. */
  void streamed(String subId) {
    if (awaitingEose.contains(subId)) {
      backlogEvents++;
    }
  }

  /** The EOSE of {@code subId}: true when it was the last one awaited (the whole stored backlog was received). */
  boolean eose(String subId) {
    if (awaitingEose.remove(subId) && awaitingEose.isEmpty()) {
      cancel();
      return true;
    }
    return false;
  }

  /** A CLOSED frame for {@code subId} (not a lookup's): counted, logged within budget, and a refusal of ours splits. */
  void closed(String subId, String message) {
    String msg = message == null ? "" : message;
    stats.closedFrame();
    stats.error("CLOSED " + subId + ": " + LogBudget.shorten(msg));
    long left = relayLog.take(System.currentTimeMillis());
    if (left != LogBudget.SUPPRESS) {
      log.warn("{} closed subscription {}: {}{}", shown, LogBudget.shorten(subId), LogBudget.shorten(msg),
          LogBudget.suppressedNote(left));
    }
    if (!mainSubs.contains(subId)) {
      return;
    }
    String lower = msg.toLowerCase(Locale.ROOT);
    if (lower.startsWith("auth-required:") || lower.startsWith("restricted:") || lower.startsWith("blocked:")) {
      return;
    }
    split("CLOSED " + msg);
  }

  /** A NOTICE: counted, logged within budget; one about filters while EOSEs are awaited splits. */
  void notice(String message) {
    String msg = message == null ? "" : message;
    stats.notice();
    long left = relayLog.take(System.currentTimeMillis());
    if (left != LogBudget.SUPPRESS) {
      log.info("NOTICE from {}: {}{}", shown, LogBudget.shorten(msg), LogBudget.suppressedNote(left));
    }
    if (!awaitingEose.isEmpty() && FILTER_NOTICE.matcher(msg).find()) {
      stats.error("NOTICE: " + LogBudget.shorten(msg));
      split("NOTICE " + msg);
    }
  }

  private void split(String why) {
    Optional<SubscriptionPlan> next = plan.split();
    if (next.isEmpty()) {
      if (relayLog.take(System.currentTimeMillis()) != LogBudget.SUPPRESS) {
        log.warn("{} refused the subscription ({}) and it cannot be split further: {}", shown,
            LogBudget.shorten(why), plan);
      }
      return;
    }
    log.info("{} refused the subscription ({}); re-subscribing with {}", shown, LogBudget.shorten(why), next.get());
    for (String sub : new ArrayList<>(mainSubs)) {
      write.accept(new SubscriptionPlan.Req(sub, List.of()).closeFrame());
    }
    plan = next.get();
    subscribe();
  }

  /** Stops waiting for EOSE (the socket closed, or everything arrived). */
  void cancel() {
    if (eoseTimer >= 0) {
      vertx.cancelTimer(eoseTimer);
      eoseTimer = -1;
    }
  }
}

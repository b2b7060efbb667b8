package dvmdash.cli;

import dvmdash.collector.SubscriptionPlan;
import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code dvmdash backfill --relay URL [--relay URL…] --since T --until T [--limit N]}: fetches the history of each relay
 * for {@code [since, until]} with the collector's DVM-kinds filters (then the kind-0 profiles, in the same range, of
 * the DVMs found), paging backwards with {@link BackfillPager}, and feeds every event through the same checks, dedup
 * and batch pipeline as live events ({@link IngestSession}). A relay that refuses a filter (CLOSED) is retried with
 * the collector's next finer subscription plan. Prints counts per relay and in total; exit 1 when a relay failed.
 */
public final class BackfillCommand {

  static final long PAGE_TIMEOUT_MS = 60_000;

  private BackfillCommand() {
  }

  public static int run(JsonObject config, List<String> relays, long since, long until, int limit, PrintStream out)
      throws Exception {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("backfill needs at least one --relay");
    }
    if (since > until) {
      throw new IllegalArgumentException("--since must not be after --until");
    }
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("--limit must be 1..100000, got " + limit);
    }
    int failed = 0;
    try (IngestSession session = IngestSession.open(config)) {
      CollectorConfig cc = session.collector();
      for (String relay : relays) {
        try {
          BackfillPager.Stats st = backfillRelay(session, cc, relay, since, until, limit);
          out.printf("backfill %s: %d pages, %d events received (repeats at page boundaries included), %d handed on%s%n",
              relay, st.pages(), st.framesReceived(), st.framesNew(), st.saturatedSeconds() == 0 ? ""
                  : ", " + st.saturatedSeconds() + " seconds filled a whole page (raise --limit)");
        } catch (IOException e) {
          failed++;
          out.printf("backfill %s: failed: %s%n", relay, e.getMessage());
        }
      }
      session.flush();
      session.finish();
      out.printf("backfill [%d, %d]: %s%n", since, until, session.summary());
    }
    return failed == 0 ? 0 : 1;
  }

  private static BackfillPager.Stats backfillRelay(IngestSession session, CollectorConfig cc, String relay,
                                                   long since, long until, int limit) throws Exception {
    SubscriptionPlan plan = SubscriptionPlan.initial(cc.excludedKinds(), cc.kindsPerFilter());
    try (RelayPageClient client = RelayPageClient.connect(session.vertx(), relay, PAGE_TIMEOUT_MS)) {
      BackfillPager pager = new BackfillPager(client::fetch, frames -> {
        for (String f : frames) {
          session.offer(relay, f);
        }
      }, limit);
      while (true) {
        try {
          BackfillPager.Stats total = new BackfillPager.Stats(0, 0, 0, 0);
          for (SubscriptionPlan.Req req : plan.mainRequests(null)) {
            for (JsonObject filter : req.filters()) {
              total = add(total, pager.run(filter, since, until));
            }
          }
          session.flush();
          List<String> dvms = new ArrayList<>(session.dvmAuthors());
          for (SubscriptionPlan.Req req : SubscriptionPlan.profileRequests(dvms, 0)) {
            for (JsonObject filter : req.filters()) {
              total = add(total, pager.run(filter, since, until));
            }
          }
          return total;
        } catch (RelayPageClient.Refused e) {
          Optional<SubscriptionPlan> finer = plan.split();
          if (finer.isEmpty()) {
            throw e;
          }
          plan = finer.get();
        }
      }
    }
  }

  private static BackfillPager.Stats add(BackfillPager.Stats a, BackfillPager.Stats b) {
    return new BackfillPager.Stats(a.pages() + b.pages(), a.framesReceived() + b.framesReceived(),
        a.framesNew() + b.framesNew(), a.saturatedSeconds() + b.saturatedSeconds());
  }
}

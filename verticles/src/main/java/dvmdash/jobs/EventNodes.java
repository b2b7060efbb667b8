package dvmdash.jobs;

import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.KindCatalog;
import dvmdash.shared.nostr.NostrEvent;
import dvmdash.shared.nostr.ZapReceipt;

/** Turns the events of a job into graph nodes and timeline entries with a one-line summary. */
public final class EventNodes {

  private EventNodes() {
  }

  public static GraphNode request(Job job, int level) {
    NostrEvent r = job.request();
    String status = job.status().wire();
    if (r == null) {
      return new GraphNode(job.id(), GraphNode.REQUEST, job.kind() < 0 ? null : job.kind(), job.user(), null,
          job.id(), level, status, null, null, null, null, true, null,
          "request " + Wording.shortId(job.id()) + " (not seen)");
    }
    return new GraphNode(r.id(), GraphNode.REQUEST, r.kind(), r.pubkey(), r.createdAt(), job.id(), level, status,
        ResponseFacts.amountMsatOfBid(r), null, null, null, false, null, summary(r));
  }

  public static GraphNode response(NostrEvent e, String jobId, int level) {
    boolean feedback = e.kind() == 7000;
    String message = null;
    if (ResponseFacts.isError(e)) {
      message = ResponseFacts.errorMessage(e);
    } else if (feedback && !e.content().isEmpty() && !Classifier.isEncrypted(e)) {
      message = e.content();
    }
    return new GraphNode(e.id(), feedback ? GraphNode.FEEDBACK : GraphNode.RESULT, e.kind(), e.pubkey(),
        e.createdAt(), jobId, level, ResponseFacts.status(e), ResponseFacts.amountMsat(e), ResponseFacts.bolt11(e),
        ResponseFacts.bolt11Msat(e), message, false, null, summary(e));
  }

  public static GraphNode zap(NostrEvent e, String jobId, int level) {
    String recipient = ZapReceipt.parse(e).map(z -> z.recipient()).orElse(null);
    return new GraphNode(e.id(), GraphNode.ZAP, e.kind(), recipient, e.createdAt(), jobId, level, null, null,
        ResponseFacts.bolt11(e), ResponseFacts.bolt11Msat(e), null, false, null, summary(e));
  }

  public static TimelineEntry entry(GraphNode n) {
    return new TimelineEntry(n.createdAt(), n.id(), n.kind(), n.type(), n.pubkey(), n.jobId(), n.status(),
        n.label());
  }

  /** A one-line description of a job event, e.g. "feedback from DVM npub1…: payment-required, 2,100 sats". */
  public static String summary(NostrEvent e) {
    return switch (Classifier.classify(e.kind())) {
      case REQUEST -> "kind " + e.kind() + " request (" + KindCatalog.name(e.kind()) + ") by "
          + Wording.shortNpub(e.pubkey()) + (Classifier.isEncrypted(e) ? ", encrypted" : "");
      case RESULT -> "kind " + e.kind() + " result from DVM " + Wording.shortNpub(e.pubkey())
          + amountText(ResponseFacts.askedMsat(e));
      case FEEDBACK -> "feedback from DVM " + Wording.shortNpub(e.pubkey()) + ": " + ResponseFacts.status(e)
          + amountText(ResponseFacts.askedMsat(e))
          + (ResponseFacts.isError(e) ? " (" + ResponseFacts.errorMessage(e) + ")" : "");
      case ZAP -> {
        Long msat = ResponseFacts.bolt11Msat(e);
        String to = ZapReceipt.parse(e).map(z -> " to " + Wording.shortNpub(z.recipient())).orElse("");
        yield "zap receipt" + (msat == null ? " (any amount)" : ": " + Wording.sats(msat) + " sats") + to;
      }
      default -> "kind " + e.kind() + " event";
    };
  }

  private static String amountText(Long msat) {
    return msat == null ? "" : ", " + Wording.sats(msat) + " sats";
  }
}

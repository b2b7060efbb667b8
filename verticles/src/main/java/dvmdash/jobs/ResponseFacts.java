package dvmdash.jobs;

import dvmdash.shared.nostr.Amounts;
import dvmdash.shared.nostr.Bolt11;
import dvmdash.shared.nostr.Classifier;
import dvmdash.shared.nostr.NostrEvent;
import java.util.List;

/** What a single response says: its status, amount tag, invoice and error message, read defensively. */
public final class ResponseFacts {

  private ResponseFacts() {
  }

  /** The raw status of a feedback, "encrypted" when hidden, null for other events. */
  public static String status(NostrEvent e) {
    if (e.kind() != 7000) {
      return null;
    }
    String s = Classifier.feedbackStatus(e);
    if (s == null) {
      return Classifier.isEncrypted(e) ? "encrypted" : "unknown";
    }
    return s;
  }

  /** The {@code amount} tag's millisats, when decimal digits. */
  public static Long amountMsat(NostrEvent e) {
    var v = Amounts.amountMsat(e);
    return v.isPresent() ? v.getAsLong() : null;
  }

  /** A request's {@code bid} tag in millisats, when decimal digits. */
  public static Long amountMsatOfBid(NostrEvent request) {
    var v = Amounts.parseMsat(request.tagValue("bid"));
    return v.isPresent() ? v.getAsLong() : null;
  }

  /** The invoice in the {@code amount} tag (position 2), or a zap receipt's {@code bolt11} tag. */
  public static String bolt11(NostrEvent e) {
    if (e.kind() == 9735) {
      return e.tagValue("bolt11");
    }
    List<String> amount = e.tag("amount");
    return amount != null && amount.size() > 2 && !amount.get(2).isEmpty() ? amount.get(2) : null;
  }

  /** The invoice's own amount in millisats, when it decodes. */
  public static Long bolt11Msat(NostrEvent e) {
    var v = Bolt11.amountMsat(bolt11(e));
    return v.isPresent() ? v.getAsLong() : null;
  }

  /** What was asked: the amount tag, else the invoice amount, else null. */
  public static Long askedMsat(NostrEvent e) {
    Long amount = amountMsat(e);
    return amount != null ? amount : bolt11Msat(e);
  }

  /** An error feedback's message: the status tag's extra field, else the (clear) content, else "(no message)". */
  public static String errorMessage(NostrEvent e) {
    List<String> status = e.tag("status");
    if (status != null && status.size() > 2 && !status.get(2).isBlank()) {
      return status.get(2).strip();
    }
    if (!e.content().isBlank() && !Classifier.isEncrypted(e)) {
      return e.content().strip();
    }
    return "(no message)";
  }

  public static boolean isPaymentRequired(NostrEvent e) {
    return e.kind() == 7000 && "payment-required".equals(Classifier.feedbackStatus(e));
  }

  public static boolean isError(NostrEvent e) {
    return e.kind() == 7000 && "error".equals(Classifier.feedbackStatus(e));
  }
}

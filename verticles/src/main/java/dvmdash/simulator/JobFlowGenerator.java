package dvmdash.simulator;

import dvmdash.shared.nostr.EventSigner;
import dvmdash.shared.nostr.EventWriter;
import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the events of NIP-90 job flows: a request, then per responding DVM feedback, results and zap receipts,
 * dated relative to the request. Events may be dated after "now"; callers drop or schedule them.
 */
public final class JobFlowGenerator {

  /** Request kinds and their weights (5300 dominates, as on the real network). */
  private static final int[] KINDS = {5300, 5050, 5100, 5000, 5002, 5312, 5302};
  private static final double[] KIND_WEIGHTS = {0.85, 0.04, 0.03, 0.02, 0.02, 0.02, 0.02};
  private static final long[] AMOUNTS_MSAT = {1_000, 5_000, 10_000, 21_000, 50_000, 100_000, 1_500, 2_345};

  private final SimRandom rng;
  private final List<DvmPersona> dvms;
  private final EventSigner lnurlServer;

  public JobFlowGenerator(SimRandom rng, List<DvmPersona> dvms, EventSigner lnurlServer) {
    this.rng = rng;
    this.dvms = List.copyOf(dvms);
    this.lnurlServer = lnurlServer;
  }

  public int pickKind() {
    double u = rng.nextDouble();
    double acc = 0;
    for (int i = 0; i < KINDS.length; i++) {
      acc += KIND_WEIGHTS[i];
      if (u < acc) {
        return KINDS[i];
      }
    }
    return KINDS[0];
  }

  /**
   * A complete job at time {@code t}: request plus responses. {@code chainedFrom} (nullable) is the id of an earlier
   * request whose output this job takes as input.
   */
  public List<NostrEvent> job(EventSigner customer, long t, String chainedFrom) {
    int kind = pickKind();
    List<DvmPersona> capable = new ArrayList<>();
    for (DvmPersona d : dvms) {
      if (d.serves(kind)) {
        capable.add(d);
      }
    }
    List<DvmPersona> targets = new ArrayList<>();
    List<DvmPersona> responders = new ArrayList<>();
    if (capable.isEmpty()) {
      targets.add(rng.pick(dvms));
    } else if (kind == 5300 && capable.size() > 1 && rng.chance(0.4)) {
      int n = rng.between(2, Math.min(4, capable.size()) + 1);
      List<DvmPersona> pool = new ArrayList<>(capable);
      for (int i = 0; i < n; i++) {
        responders.add(pool.remove(rng.between(0, pool.size())));
      }
    } else {
      DvmPersona d = rng.pick(capable);
      targets.add(d);
      responders.add(d);
    }
    boolean encrypted = targets.size() == 1 && rng.chance(0.04);
    NostrEvent request = request(customer, kind, t, targets, encrypted, chainedFrom);
    List<NostrEvent> out = new ArrayList<>();
    out.add(request);
    for (DvmPersona d : responders) {
      out.addAll(respond(d, request, customer, outcomeFor(d)));
    }
    return out;
  }

  public NostrEvent request(EventSigner customer, int kind, long t, List<DvmPersona> targets, boolean encrypted,
                            String chainedFrom) {
    List<List<String>> tags = new ArrayList<>();
    String content = "";
    if (encrypted) {
      content = JobContent.nip04Ciphertext(rng);
      tags.add(List.of("encrypted"));
    } else {
      if (chainedFrom != null) {
        tags.add(List.of("i", chainedFrom, "job"));
      }
      tags.addAll(JobContent.requestTags(kind, rng, customer.pubkey()));
    }
    for (DvmPersona d : targets) {
      tags.add(List.of("p", d.pubkey()));
    }
    return customer.sign(t, kind, tags, content);
  }

  public JobOutcome outcomeFor(DvmPersona d) {
    double u = rng.nextDouble();
    if (u < 0.01) {
      return JobOutcome.SKEWED;
    }
    if (u < 0.04) {
      return JobOutcome.SILENT;
    }
    if (rng.chance(d.errorRate())) {
      return JobOutcome.ERROR;
    }
    double v = rng.nextDouble();
    if (d.paid()) {
      if (v < 0.5) {
        return JobOutcome.PAY_THEN_RESULT;
      }
      if (v < 0.62) {
        return JobOutcome.PAY_TWICE;
      }
      if (v < 0.75) {
        return JobOutcome.PAY_NEVER;
      }
      if (v < 0.9) {
        return JobOutcome.RESULT_WITH_AMOUNT;
      }
      return JobOutcome.JUNK_AMOUNT;
    }
    return v < 0.85 ? JobOutcome.SUCCESS : JobOutcome.PARTIAL;
  }

  /** The events DVM {@code d} publishes for {@code request} with the given outcome. */
  public List<NostrEvent> respond(DvmPersona d, NostrEvent request, EventSigner customer, JobOutcome outcome) {
    List<NostrEvent> out = new ArrayList<>();
    long t = request.createdAt();
    long delay = rng.responseDelay(d.medianSeconds());
    long amount = rng.chance(0.5) ? AMOUNTS_MSAT[rng.between(0, AMOUNTS_MSAT.length)] : rng.between(1, 200) * 1000L;
    switch (outcome) {
      case SUCCESS -> {
        if (rng.chance(0.3)) {
          out.add(feedback(d, request, t + 1, "processing", null, ""));
        }
        out.add(result(d, request, t + delay, null));
      }
      case PARTIAL -> {
        out.add(feedback(d, request, t + 1, "processing", null, ""));
        out.add(feedback(d, request, t + 1 + delay / 2, "partial", null, "first lines of the answer…"));
        out.add(result(d, request, t + 2 + delay, null));
      }
      case PAY_THEN_RESULT -> {
        out.add(feedback(d, request, t + 1, "payment-required", Long.toString(amount), ""));
        out.add(result(d, request, t + 2 + delay, rng.chance(0.5) ? Long.toString(amount) : null));
      }
      case PAY_TWICE -> {
        out.add(feedback(d, request, t + 1, "payment-required", Long.toString(amount), ""));
        out.add(feedback(d, request, t + 2 + delay / 2, "payment-required", Long.toString(amount * 2 + 1_000),
          ""));
        out.add(result(d, request, t + 3 + delay, null));
      }
      case PAY_NEVER -> out.add(feedback(d, request, t + 1, "payment-required", Long.toString(amount), ""));
      case RESULT_WITH_AMOUNT -> out.add(result(d, request, t + delay, Long.toString(amount)));
      case JUNK_AMOUNT -> {
        out.add(feedback(d, request, t + 1, "payment-required", Long.toString(amount), ""));
        out.add(feedback(d, request, t + 2, "payment-required", "100_000", ""));
        out.add(result(d, request, t + 3 + delay, null));
      }
      case ERROR -> {
        out.add(feedback(d, request, t + 1, "processing", null, ""));
        out.add(feedback(d, request, t + 1 + delay, "error", null, "Model overloaded, try again later"));
      }
      case SKEWED -> out.add(result(d, request, t - rng.between(5, 120), null));
      case SILENT -> {
        return out;
      }
      default -> throw new IllegalStateException("unhandled outcome " + outcome);
    }
    if (d.paid() && rng.chance(0.35)) {
      NostrEvent last = out.get(out.size() - 1);
      if (last.kind() != 7000) {
        out.add(zapReceipt(customer, d, last, last.createdAt() + rng.between(2, 60), amount));
      }
    }
    return out;
  }

  public NostrEvent feedback(DvmPersona d, NostrEvent request, long t, String status, String amountMsat,
                             String content) {
    List<List<String>> tags = new ArrayList<>();
    if ("error".equals(status)) {
      tags.add(List.of("status", status, content));
    } else {
      tags.add(List.of("status", status));
    }
    if (amountMsat != null) {
      Long parsed = amountMsat.chars().allMatch(Character::isDigit) ? Long.parseLong(amountMsat) : null;
      tags.add(List.of("amount", amountMsat, FakeInvoices.invoice(rng, parsed)));
    }
    tags.add(List.of("e", request.id(), "wss://relay.damus.io"));
    tags.add(List.of("p", request.pubkey()));
    return d.signer().sign(t, 7000, tags, content);
  }

  public NostrEvent result(DvmPersona d, NostrEvent request, long t, String amountMsat) {
    boolean encrypted = request.tag("encrypted") != null;
    List<List<String>> tags = new ArrayList<>();
    if (!encrypted) {
      tags.add(List.of("request", EventWriter.toJson(request)));
    }
    tags.add(List.of("e", request.id(), "wss://relay.damus.io"));
    tags.add(List.of("p", request.pubkey()));
    if (amountMsat != null) {
      tags.add(List.of("amount", amountMsat, FakeInvoices.invoice(rng, Long.parseLong(amountMsat))));
    }
    String content;
    if (encrypted) {
      tags.add(List.of("encrypted"));
      content = JobContent.nip04Ciphertext(rng);
    } else {
      content = JobContent.resultContent(request.kind(), rng);
    }
    return d.signer().sign(t, request.kind() + 1000, tags, content);
  }

  /**
   * A NIP-57 zap receipt signed by the LNURL server: p = DVM, P = payer, e = the zapped event, bolt11 with the
   * amount in its HRP ({@code msat} null = any-amount invoice), description = the payer's signed 9734.
   */
  public NostrEvent zapReceipt(EventSigner payer, DvmPersona d, NostrEvent zapped, long t, Long msat) {
    // NIP-57 k (the zapped event's kind), by the zapped id's first hex digit: 0-7 on the zap request and copied to
    // the receipt, 8-b on the zap request only, c-f nowhere (older clients)
    char c = zapped.id().charAt(0);
    boolean requestK = c < 'c';
    boolean receiptK = c < '8';
    List<List<String>> zrTags = new ArrayList<>();
    zrTags.add(List.of("p", d.pubkey()));
    zrTags.add(List.of("e", zapped.id()));
    if (requestK) {
      zrTags.add(List.of("k", Integer.toString(zapped.kind())));
    }
    if (msat != null) {
      zrTags.add(List.of("amount", Long.toString(msat)));
    }
    zrTags.add(List.of("relays", "wss://relay.damus.io"));
    NostrEvent zapRequest = payer.sign(t - 1, 9734, zrTags, "");
    List<List<String>> tags = new ArrayList<>();
    tags.add(List.of("p", d.pubkey()));
    tags.add(List.of("P", payer.pubkey()));
    tags.add(List.of("e", zapped.id()));
    if (receiptK) {
      tags.add(List.of("k", Integer.toString(zapped.kind())));
    }
    tags.add(List.of("bolt11", FakeInvoices.invoice(rng, msat)));
    tags.add(List.of("description", EventWriter.toJson(zapRequest)));
    tags.add(List.of("preimage", rng.hex(32)));
    return lnurlServer.sign(t, 9735, tags, "");
  }
}

package dvmdash.jobs;

import dvmdash.shared.nostr.NostrEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Computes the diagnosis of a job and its chain from the events alone (rules in docs/debugging.md). Per DVM of each
 * job: a result is a success (with its response time), late when dated after the request's NIP-40 expiration, skewed
 * when dated before the request; without a result, an error feedback is an error, else a payment request is
 * "asked for N sats and no result followed", else "no result yet". A job nobody answered gets "no DVM answered". In a
 * chain every job that has no result is a failed step, owned by the DVMs that failed it.
 */
public final class Diagnoser {

  private static final List<String> PRIORITY = List.of(Finding.CHAIN_STEP_FAILED, Finding.ERROR,
      Finding.PAYMENT_WITHOUT_RESULT, Finding.NO_ANSWER, Finding.LATE_RESULT, Finding.CLOCK_SKEW,
      Finding.NO_RESULT_YET, Finding.SUCCESS, Finding.REQUEST_NOT_SEEN);

  private final JobIndex index;
  private final Chain chain;

  public Diagnoser(JobIndex index, Chain chain) {
    this.index = index;
    this.chain = chain;
  }

  public Diagnosis diagnose() {
    List<Finding> chainFindings = new ArrayList<>();
    List<Finding> jobFindings = new ArrayList<>();
    String root = chain.jobs().get(0).jobId();
    int steps = 1;
    for (Chain.Level l : chain.jobs()) {
      steps = Math.max(steps, chain.step(l.level()));
    }
    for (Chain.Level l : chain.jobs()) {
      Job job = index.job(l.jobId());
      Integer step = chain.isChain() ? chain.step(l.level()) : null;
      List<Finding> own = jobFindings(job, step);
      jobFindings.addAll(own);
      if (step != null && job.status() != JobStatus.SUCCESS) {
        chainFindings.addAll(stepFailures(job, step, steps));
      }
    }
    chainFindings.sort(Comparator.comparing(Finding::step));
    List<Finding> all = new ArrayList<>(chainFindings);
    all.addAll(jobFindings);
    return new Diagnosis(summary(all, root), all);
  }

  private static String summary(List<Finding> findings, String root) {
    Finding best = null;
    for (Finding f : findings) {
      boolean relevant = f.code().equals(Finding.CHAIN_STEP_FAILED) || root.equals(f.jobId());
      if (relevant && (best == null || rank(f) < rank(best))) {
        best = f;
      }
    }
    return best == null ? "nothing known about this job" : best.message();
  }

  private static int rank(Finding f) {
    return PRIORITY.indexOf(f.code());
  }

  /** The findings about one job, DVMs in the order of their first response. */
  List<Finding> jobFindings(Job job, Integer step) {
    List<Finding> out = new ArrayList<>();
    int kind = job.kind();
    String where = step == null ? "" : " (chain step " + step + ")";
    if (!job.seen()) {
      out.add(new Finding(Finding.REQUEST_NOT_SEEN, "info", job.id(), null, step, kind, null, null,
          "request " + Wording.shortId(job.id()) + where + " was never seen; only its responses or references were"));
    }
    Map<String, List<NostrEvent>> byDvm = job.byDvm();
    if (byDvm.isEmpty()) {
      List<String> asked = job.addressed();
      String to = asked.isEmpty() ? "" : " (asked: " + String.join(", ", asked.stream().map(Wording::shortNpub)
          .toList()) + ")";
      out.add(new Finding(Finding.NO_ANSWER, "error", job.id(), null, step, kind, null, null,
          "no DVM answered" + where + to));
      return out;
    }
    for (Map.Entry<String, List<NostrEvent>> e : byDvm.entrySet()) {
      out.addAll(dvmFindings(job, e.getKey(), e.getValue(), step, where));
    }
    return out;
  }


  private static List<Finding> dvmFindings(Job job, String dvm, List<NostrEvent> responses, Integer step,
                                           String where) {
    List<Finding> out = new ArrayList<>();
    int kind = job.kind();
    String who = "DVM " + Wording.shortNpub(dvm);
    NostrEvent firstResult = firstResult(responses);
    if (firstResult == null) {
      Failure failure = failure(responses);
      out.add(new Finding(failure.code(), failure.severity(), job.id(), dvm, step, kind, failure.amountMsat(), null,
          who + " " + failure.reason() + where));
      return out;
    }
    if (!job.seen()) {
      out.add(new Finding(Finding.SUCCESS, "ok", job.id(), dvm, step, kind, null, null,
          "success: " + who + " answered" + where + " (request not seen, no response time)"));
      return out;
    }
    long seconds = firstResult.createdAt() - job.request().createdAt();
    if (seconds < 0) {
      out.add(new Finding(Finding.CLOCK_SKEW, "warning", job.id(), dvm, step, kind, null, seconds,
          who + "'s result" + where + " is dated " + (-seconds) + " s before the request (clock skew)"));
    } else {
      out.add(new Finding(Finding.SUCCESS, "ok", job.id(), dvm, step, kind, null, seconds,
          "success: " + who + " answered in " + seconds + " s" + where));
    }
    OptionalLong expiration = job.expiration();
    if (expiration.isPresent() && firstResult.createdAt() > expiration.getAsLong()) {
      long late = firstResult.createdAt() - expiration.getAsLong();
      out.add(new Finding(Finding.LATE_RESULT, "warning", job.id(), dvm, step, kind, null, late,
          "result arrived after the request's expiration: " + who + " answered " + late + " s after it expired"
              + where));
    }
    return out;
  }

  private static NostrEvent firstResult(List<NostrEvent> responses) {
    for (NostrEvent r : responses) {
      if (r.kind() != 7000) {
        return r;
      }
    }
    return null;
  }

  /** Why a DVM's responses hold no result: its latest error, else its latest payment request, else its status. */
  private static Failure failure(List<NostrEvent> responses) {
    NostrEvent lastError = null;
    NostrEvent lastPayment = null;
    NostrEvent lastFeedback = null;
    for (NostrEvent r : responses) {
      lastFeedback = r;
      lastError = ResponseFacts.isError(r) ? r : lastError;
      lastPayment = ResponseFacts.isPaymentRequired(r) ? r : lastPayment;
    }
    if (lastError != null) {
      return new Failure(Finding.ERROR, "error", null,
          "reported an error: " + ResponseFacts.errorMessage(lastError));
    }
    if (lastPayment != null) {
      Long msat = ResponseFacts.askedMsat(lastPayment);
      String asked = msat == null ? "asked for payment" : "asked for " + Wording.sats(msat) + " sats";
      return new Failure(Finding.PAYMENT_WITHOUT_RESULT, "error", msat, asked + " and no result followed");
    }
    return new Failure(Finding.NO_RESULT_YET, "info", null,
        "reported " + ResponseFacts.status(lastFeedback) + " and no result followed");
  }

  /** One chain_step_failed finding per DVM that failed this step, or one without DVM when nobody answered. */
  private static List<Finding> stepFailures(Job job, int step, int steps) {
    List<Finding> out = new ArrayList<>();
    String head = "chain step " + step + " of " + steps + " (" + Wording.kind(job.kind()) + ") failed";
    Map<String, List<NostrEvent>> byDvm = job.byDvm();
    if (byDvm.isEmpty()) {
      out.add(new Finding(Finding.CHAIN_STEP_FAILED, "error", job.id(), null, step, job.kind(), null, null,
          head + ": no DVM answered"));
    }
    for (Map.Entry<String, List<NostrEvent>> e : byDvm.entrySet()) {
      Failure f = failure(e.getValue());
      out.add(new Finding(Finding.CHAIN_STEP_FAILED, "error", job.id(), e.getKey(), step, job.kind(), f.amountMsat(),
          null, head + " at DVM " + Wording.shortNpub(e.getKey()) + ": " + f.reason()));
    }
    return out;
  }

  /** Why one DVM produced no result. */
  private record Failure(String code, String severity, Long amountMsat, String reason) {
  }
}

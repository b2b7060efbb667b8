package dvmdash.jobs;

/**
 * One fact-based statement of the diagnosis. {@code code} names the rule (see docs/debugging.md), {@code severity} is
 * {@code error}, {@code warning}, {@code info} or {@code ok}; {@code jobId}, {@code dvm}, {@code step} (1-based chain
 * step, null outside chains), {@code kind}, {@code amountMsat} and {@code seconds} are the facts behind the message
 * (null when they do not apply).
 */
public record Finding(String code, String severity, String jobId, String dvm, Integer step, Integer kind,
                      Long amountMsat, Long seconds, String message) {

  public static final String NO_ANSWER = "no_answer";
  public static final String PAYMENT_WITHOUT_RESULT = "payment_without_result";
  public static final String ERROR = "error";
  public static final String NO_RESULT_YET = "no_result_yet";
  public static final String LATE_RESULT = "late_result";
  public static final String CLOCK_SKEW = "clock_skew";
  public static final String REQUEST_NOT_SEEN = "request_not_seen";
  public static final String CHAIN_STEP_FAILED = "chain_step_failed";
  public static final String SUCCESS = "success";
}

package dvmdash.simulator;

/** How one DVM handles one request. */
public enum JobOutcome {
  /** Result only (sometimes after processing). */
  SUCCESS,
  /** processing, partial (content sample), result. */
  PARTIAL,
  /** payment-required with an amount, then the result. */
  PAY_THEN_RESULT,
  /** Two payment-required with different amounts, then the result: the later amount counts. */
  PAY_TWICE,
  /** payment-required, never a result: no sats. */
  PAY_NEVER,
  /** Result carrying the amount (result first, payment after). */
  RESULT_WITH_AMOUNT,
  /** A valid payment-required, then one with a junk amount ("100_000"), then the result: the valid amount counts. */
  JUNK_AMOUNT,
  /** processing, then error with a message. */
  ERROR,
  /** Result dated before the request (clock skew). */
  SKEWED,
  /** No answer at all. */
  SILENT
}

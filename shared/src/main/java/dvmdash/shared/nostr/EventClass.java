package dvmdash.shared.nostr;

/** What role an event plays for DVMDash, decided by its kind alone ({@link Classifier#classify(int)}). */
public enum EventClass {
  /** 5000-5999: a job request. */
  REQUEST,
  /** 6000-6999: a job result (request kind + 1000). */
  RESULT,
  /** 7000: job feedback. */
  FEEDBACK,
  /** 31990 NIP-89 handler, 31999 service, 11316 ContextVM server, 11999 encrypted-DVM announcement. */
  ANNOUNCEMENT,
  /** 0: a profile. */
  PROFILE,
  /** 9735: a NIP-57 zap receipt. */
  ZAP,
  /** Anything else. */
  OTHER
}

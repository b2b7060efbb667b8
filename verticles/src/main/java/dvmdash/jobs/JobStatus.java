package dvmdash.jobs;

import java.util.Locale;

/**
 * The current state of a job, derived from its responses: success when any result exists (or a DVM sent feedback
 * {@code success}), else the status of the latest feedback, else waiting. {@code partial}, encrypted and unknown
 * feedback statuses count as processing: a DVM answered but no outcome is known yet.
 */
public enum JobStatus {
  WAITING("waiting"),
  PROCESSING("processing"),
  PAYMENT_REQUIRED("payment-required"),
  ERROR("error"),
  SUCCESS("success");

  private final String wire;

  JobStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The status of a feedback's raw {@code status} value (null for encrypted or missing). */
  public static JobStatus ofFeedback(String raw) {
    if (raw == null) {
      return PROCESSING;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "payment-required" -> PAYMENT_REQUIRED;
      case "error" -> ERROR;
      case "success" -> SUCCESS;
      default -> PROCESSING;
    };
  }

  /** The status named {@code wire}, or null when the name is unknown. */
  public static JobStatus parse(String wire) {
    for (JobStatus s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    return null;
  }
}

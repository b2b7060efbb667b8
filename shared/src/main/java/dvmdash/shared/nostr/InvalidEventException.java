package dvmdash.shared.nostr;

/** An event that failed validation; carries the reason used for counting and a human message. */
public final class InvalidEventException extends Exception {

  private final RejectReason reason;

  public InvalidEventException(RejectReason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}

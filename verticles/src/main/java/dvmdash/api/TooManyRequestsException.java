package dvmdash.api;

/** A request refused because a shared budget is spent right now; answered with 429, {@code Retry-After} and its message. */
public final class TooManyRequestsException extends RuntimeException {

  public TooManyRequestsException(String message) {
    super(message, null, false, false);
  }
}

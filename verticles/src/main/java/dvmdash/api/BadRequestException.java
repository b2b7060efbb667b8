package dvmdash.api;

/** A request parameter that fails validation; answered with 400 and its message. */
public final class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message, null, false, false);
  }
}

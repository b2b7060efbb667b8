package dvmdash.store;

/** A rollup commit carried a fencing token no greater than the stored one: its lock holder had been replaced. */
public final class FencedException extends RuntimeException {

  public FencedException(String message) {
    super(message, null, false, false);
  }
}

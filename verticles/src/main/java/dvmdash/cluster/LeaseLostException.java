package dvmdash.cluster;

/** The etcd lease behind a lock is gone: whatever was about to be committed under it must not be. */
public final class LeaseLostException extends RuntimeException {

  public LeaseLostException(String message) {
    super(message, null, false, false);
  }
}

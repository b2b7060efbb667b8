package dvmdash.cluster;

/** The stream is at its high-water mark: collectors must hold back (never trim unprocessed entries). */
public final class QueueFullException extends RuntimeException {

  public QueueFullException(String message) {
    super(message, null, false, false);
  }
}

package dvmdash.cluster;

/**
 * Whether the processor behind a {@link StreamReader} makes progress: batches handed to it ({@link #handed}),
 * answered after their commit ({@link #committed}) or failed or timed out ({@link #failed}: their entries stay
 * pending in the stream and come back by claim, so the work is still waiting). {@link #stalledMillis} is how long
 * work has been waiting without a single commit: 0 while nothing is waiting, else the time since the last commit or
 * since the wait began. A processor that fails every batch, or never answers, therefore counts as stalled even
 * between its retries, and {@code /health} can turn to 503 so that a supervisor restarts the node. Times are passed
 * in (unix milliseconds); thread-safe, since {@code /health} reads it from the API's event loop.
 */
public final class ProcessingProgress {

  private int inFlight;
  private boolean failedWaiting;
  private long waitingSince = -1;

  /** A batch was handed to the processor at {@code nowMillis}. */
  public synchronized void handed(long nowMillis) {
    if (waitingSince < 0) {
      waitingSince = nowMillis;
    }
    inFlight++;
  }

  /** A batch was committed (answered) at {@code nowMillis}: progress. */
  public synchronized void committed(long nowMillis) {
    inFlight = Math.max(0, inFlight - 1);
    failedWaiting = false;
    waitingSince = inFlight == 0 ? -1 : nowMillis;
  }

  /** A batch failed or timed out: its entries wait in the stream to be claimed again. */
  public synchronized void failed() {
    inFlight = Math.max(0, inFlight - 1);
    failedWaiting = true;
  }

  /** Batches handed and not answered yet. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /** How long work has been waiting without any commit; 0 when nothing waits. */
  public synchronized long stalledMillis(long nowMillis) {
    if (waitingSince < 0 || (inFlight == 0 && !failedWaiting)) {
      return 0;
    }
    return Math.max(0, nowMillis - waitingSince);
  }
}

package dvmdash.collector;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/** Classifies the errors a relay WebSocket reports. */
final class TransportErrors {

  private TransportErrors() {
  }

  /**
   * True for a frame above the client's max frame size (Netty closes the connection) or a fragmented message above
   * its max message size (Vert.x drops the message and keeps the connection).
   */
  static boolean isOversized(Throwable err) {
    if (err instanceof TooLongFrameException) {
      return true;
    }
    String msg = err.getMessage() == null ? "" : err.getMessage();
    if (err instanceof CorruptedFrameException) {
      return msg.contains("Max frame length");
    }
    return err instanceof IllegalStateException && msg.contains("max message size");
  }
}

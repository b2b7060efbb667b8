package dvmdash.shared;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Passes immutable records by reference on the local event bus; refuses to cross the wire. */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final Class<T> type;

  private LocalCodec(Class<T> type) {
    this.type = type;
  }

  public static <T> LocalCodec<T> of(Class<T> type) {
    return new LocalCodec<>(type);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException("local-only codec for " + type.getName());
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local-only codec for " + type.getName());
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return "local:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

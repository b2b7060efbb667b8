package dvmdash.processor;

import java.util.ArrayList;
import java.util.List;

/** Collects incoming items with their event counts until a batch is full; not thread-safe (one event loop). */
public final class BatchAccumulator<T> {

  private final int batchSize;
  private List<T> items = new ArrayList<>();
  private int events;

  public BatchAccumulator(int batchSize) {
    this.batchSize = batchSize;
  }

  public void add(T item, int eventCount) {
    items.add(item);
    events += eventCount;
  }

  public boolean isFull() {
    return events >= batchSize;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  public int events() {
    return events;
  }

  /** Takes everything collected so far. */
  public List<T> drain() {
    List<T> out = items;
    items = new ArrayList<>();
    events = 0;
    return out;
  }
}

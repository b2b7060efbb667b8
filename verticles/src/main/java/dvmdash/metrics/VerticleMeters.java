package dvmdash.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The meters one verticle reads from its own objects (relay stats, a stream reader, a queue), for the verticle's
 * lifetime. Verticles are undeployed and deployed again (relay list changes, rebalancing), while the registry lives
 * as long as the node, and Micrometer hands back the existing meter when name and tags match: a meter bound
 * directly to the first verticle's object would keep reading that dead object. So every meter here reads a
 * per-registry cell instead; a verticle attaches its object to the cell while it runs and detaches it in
 * {@link #close()}:
 * <ul>
 *   <li>counters keep counting across a redeploy: on close the object's final value is carried over into the cell,
 *       and the next verticle's object adds to it (a counter never goes back);</li>
 *   <li>gauges read the sum over the attached objects only;</li>
 *   <li>a meter whose cell has no attached object left is removed from the registry (a relay dropped from the list
 *       disappears from {@code /metrics}); it is registered again, bound to the same cell, when an object attaches.
 *   </li>
 * </ul>
 * Cells are read by the scraping thread and changed on the verticle's event loop, hence synchronized. Several
 * objects may share one cell (for example relays beyond the label cap, all labelled {@code other}).
 */
public final class VerticleMeters implements AutoCloseable {

  private static final Map<MeterRegistry, Map<String, Cell>> CELLS = Collections.synchronizedMap(new WeakHashMap<>());

  private final MeterRegistry registry;
  private final List<Attachment> attached = new ArrayList<>();
  private boolean closed;

  public VerticleMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A monotonic counter ({@code name} should end in {@code _total}) reading {@code fn(obj)}. */
  public <T> VerticleMeters counter(String name, String description, Tags tags, T obj, ToDoubleFunction<T> fn) {
    return attach(true, name, description, tags, obj, fn);
  }

  /** A gauge reading {@code fn(obj)} (summed with the other objects attached to the same name and tags). */
  public <T> VerticleMeters gauge(String name, String description, Tags tags, T obj, ToDoubleFunction<T> fn) {
    return attach(false, name, description, tags, obj, fn);
  }

  private <T> VerticleMeters attach(boolean counter, String name, String description, Tags tags, T obj,
                                    ToDoubleFunction<T> fn) {
    if (closed) {
      throw new IllegalStateException("meters already closed");
    }
    Cell cell = cell(registry, (counter ? "c|" : "g|") + name + "|" + tags);
    Source source = new Source(() -> fn.applyAsDouble(obj));
    synchronized (cell) {
      cell.live.add(source);
      if (cell.meter == null || registry.find(name).tags(tags).meter() == null) {
        cell.meter = counter
            ? FunctionCounter.builder(name, cell, Cell::value).description(description).tags(tags).register(registry)
            : Gauge.builder(name, cell, Cell::value).description(description).tags(tags).register(registry);
      }
    }
    attached.add(new Attachment(cell, source, counter));
    return this;
  }

  /** Detaches this verticle's objects: counters keep their final values, meters nobody reads any more go. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Attachment a : attached) {
      synchronized (a.cell) {
        if (a.cell.live.remove(a.source) && a.counter) {
          a.cell.carried += a.source.read();
        }
        if (a.cell.live.isEmpty() && a.cell.meter != null) {
          registry.remove(a.cell.meter);
          a.cell.meter = null;
        }
      }
    }
    attached.clear();
  }

  private static Cell cell(MeterRegistry registry, String key) {
    synchronized (CELLS) {
      return CELLS.computeIfAbsent(registry, r -> new HashMap<>()).computeIfAbsent(key, k -> new Cell());
    }
  }

  /** Tags from alternating key, value strings. */
  public static Tags tags(String... keyValues) {
    List<Tag> out = new ArrayList<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      out.add(Tag.of(keyValues[i], keyValues[i + 1]));
    }
    return Tags.of(out);
  }

  /** What a meter reports: the values carried over from detached objects plus the attached objects' values. */
  private static final class Cell {
    private final List<Source> live = new ArrayList<>();
    private double carried;
    private Meter meter;

    synchronized double value() {
      double v = carried;
      for (Source s : live) {
        v += s.read();
      }
      return v;
    }
  }

  /** One attached object's reading. */
  private record Source(java.util.function.DoubleSupplier reader) {
    double read() {
      return reader.getAsDouble();
    }
  }

  private record Attachment(Cell cell, Source source, boolean counter) {
  }
}

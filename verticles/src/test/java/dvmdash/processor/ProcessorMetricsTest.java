package dvmdash.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void processorTimersAndCountersSurviveANewInstanceAndItsGaugesFollowIt() {
    ProcessorMetrics first = new ProcessorMetrics(registry);
    first.committed.increment(3);
    first.bindQueue(() -> 7, () -> 1);
    assertEquals(7, registry.get("dvmdash_processor_pending_events").gauge().value());
    first.close();
    assertNull(registry.find("dvmdash_processor_pending_events").gauge());
    ProcessorMetrics second = new ProcessorMetrics(registry);
    second.committed.increment(2);
    second.bindQueue(() -> 9, () -> 2);
    assertEquals(5, registry.get("dvmdash_events_committed_total").counter().count());
    assertEquals(9, registry.get("dvmdash_processor_pending_events").gauge().value());
    assertEquals(2, registry.get("dvmdash_processor_batches_in_flight").gauge().value());
  }
}

package dvmdash.shared.model;

import java.util.List;

/** A micro-batch of received events sent from a collector to the processor over the local event bus. */
public record IngestBatch(List<ReceivedEvent> events) {

  public IngestBatch {
    events = List.copyOf(events);
  }
}

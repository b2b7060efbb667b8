package dvmdash.collector;

import dvmdash.shared.model.ReceivedEvent;

/** Where a {@link RelayConnection} hands accepted events and sightings ({@link IngestForwarder} in production). */
public interface EventSink {

  void accept(ReceivedEvent event);

  /** Runs {@code action} once everything accepted so far has been acknowledged by the processor. */
  void whenAcknowledged(Runnable action);
}

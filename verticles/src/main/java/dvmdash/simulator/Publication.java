package dvmdash.simulator;

/** One event text the simulator hands to relays; {@code junk} is null for correctly signed events. */
public record Publication(RelayEntry entry, JunkType junk) {
}

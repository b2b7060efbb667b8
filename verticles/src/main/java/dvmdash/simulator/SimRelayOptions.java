package dvmdash.simulator;

/**
 * Settings of one simulated relay. {@code maxKindsPerFilter} 0 = unlimited; above it a REQ is refused with
 * CLOSED (as some real relays do). {@code maxEventBytes} bounds events sent by clients.
 */
public record SimRelayOptions(String host, int port, int maxKindsPerFilter, int maxEventBytes) {

  public static final int DEFAULT_MAX_EVENT_BYTES = 512 * 1024;

  public static SimRelayOptions onPort(int port) {
    return new SimRelayOptions("127.0.0.1", port, 0, DEFAULT_MAX_EVENT_BYTES);
  }

  public SimRelayOptions withMaxKindsPerFilter(int max) {
    return new SimRelayOptions(host, port, max, maxEventBytes);
  }
}

package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void behindATrustedProxyTheForwardedAddressIsTheClient() {
    ClientAddress a = new ClientAddress(List.of("127.0.0.1"));
    assertEquals("203.0.113.7", a.resolve("127.0.0.1", "203.0.113.7"));
    assertEquals("203.0.113.7", a.resolve("127.0.0.1", "1.2.3.4, 203.0.113.7"),
        "what the client prepended does not count, only what the proxy appended");
    assertEquals("127.0.0.1", a.resolve("127.0.0.1", null));
  }

  @Test
  void anUntrustedPeerCannotChooseItsAddress() {
    ClientAddress a = new ClientAddress(List.of("127.0.0.1"));
    assertEquals("198.51.100.1", a.resolve("198.51.100.1", "203.0.113.7"));
    assertEquals("198.51.100.1", new ClientAddress(List.of()).resolve("198.51.100.1", "203.0.113.7"));
  }
}

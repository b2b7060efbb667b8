package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BindWarningTest {

  @Test
  void anAdminTokenOnAllInterfacesIsWarnedAbout() {
    assertTrue(BindWarning.check("0.0.0.0", "s3cret").orElseThrow().contains("127.0.0.1"));
    assertTrue(BindWarning.check("::", "s3cret").isPresent());
    assertFalse(BindWarning.check("127.0.0.1", "s3cret").isPresent(), "loopback behind the proxy");
    assertFalse(BindWarning.check("10.10.0.5", "s3cret").isPresent(), "a private address");
    assertFalse(BindWarning.check("0.0.0.0", null).isPresent(), "no admin API, nothing to expose");
    assertFalse(BindWarning.check("0.0.0.0", " ").isPresent());
  }
}

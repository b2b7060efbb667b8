package dvmdash.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerticleMetersTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Tags relay = Tags.of("relay", "wss://r1");

  double count() {
    var c = registry.find("x_total").tags(relay).functionCounter();
    return c == null ? -1 : c.count();
  }

  @Test
  void counterCarriesOverAcrossRedeployAndGaugeReadsOnlyTheLiveObject() {
    AtomicLong firstEvents = new AtomicLong();
    AtomicLong firstUp = new AtomicLong(1);
    VerticleMeters first = new VerticleMeters(registry)
        .counter("x_total", "", relay, firstEvents, AtomicLong::get)
        .gauge("x_up", "", relay, firstUp, AtomicLong::get);
    firstEvents.set(5);
    assertEquals(5, count());
    assertEquals(1, registry.get("x_up").gauge().value());
    first.close();
    assertNull(registry.find("x_total").functionCounter(), "removed while nothing is attached");
    assertNull(registry.find("x_up").gauge());

    AtomicLong secondEvents = new AtomicLong();
    AtomicLong secondUp = new AtomicLong(0);
    VerticleMeters second = new VerticleMeters(registry)
        .counter("x_total", "", relay, secondEvents, AtomicLong::get)
        .gauge("x_up", "", relay, secondUp, AtomicLong::get);
    firstEvents.set(1000);
    firstUp.set(1);
    assertEquals(5, count(), "the old object no longer counts; the carried value remains");
    secondEvents.set(3);
    assertEquals(8, count());
    assertEquals(0, registry.get("x_up").gauge().value(), "the gauge reads the new object only");
    second.close();
    second.close();

    AtomicLong third = new AtomicLong(2);
    new VerticleMeters(registry).counter("x_total", "", relay, third, AtomicLong::get);
    assertEquals(10, count(), "closing twice carries once");
  }

  @Test
  void objectsSharingOneLabelAreSummedAndTheMeterStaysWhileOneIsAttached() {
    AtomicLong a = new AtomicLong(4);
    AtomicLong b = new AtomicLong(6);
    VerticleMeters ma = new VerticleMeters(registry).counter("x_total", "", relay, a, AtomicLong::get);
    VerticleMeters mb = new VerticleMeters(registry).counter("x_total", "", relay, b, AtomicLong::get);
    assertEquals(10, count());
    ma.close();
    assertNotNull(registry.find("x_total").functionCounter());
    b.set(7);
    assertEquals(11, count());
    mb.close();
    assertNull(registry.find("x_total").functionCounter());
  }

  @Test
  void relayLabelsAreCappedAndStable() {
    RelayLabels labels = new RelayLabels(2);
    assertEquals("wss://a", labels.label("wss://a"));
    assertEquals("wss://b", labels.label("wss://b"));
    assertEquals(RelayLabels.OTHER, labels.label("wss://c"));
    assertEquals(RelayLabels.OTHER, labels.label("wss://d"));
    assertEquals("wss://a", labels.label("wss://a"), "a relay keeps its label");
    RelayLabels more = new RelayLabels(5);
    assertEquals("wss://***@relay.example/?token=***", more.label("wss://u:pw@relay.example/?token=abc"),
        "no credentials in a metric label");
  }
}

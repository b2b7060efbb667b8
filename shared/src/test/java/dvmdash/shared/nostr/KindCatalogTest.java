package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KindCatalogTest {

  @Test
  void requestAndResultShareTheName() {
    assertEquals("Content discovery (feeds)", KindCatalog.name(5300));
    assertEquals("Content discovery (feeds)", KindCatalog.name(6300));
    assertEquals("Text extraction (speech-to-text, OCR)", KindCatalog.name(5000));
    assertEquals("Text extraction (speech-to-text, OCR)", KindCatalog.name(6000));
    assertEquals("Verify Reputation (Vertex)", KindCatalog.name(6312));
    assertEquals("MCP server call (DVMCP)", KindCatalog.name(5910));
    assertEquals("Generic (nostrdvm) / VM provisioning (LNVPS)", KindCatalog.name(6999));
  }

  @Test
  void unregisteredKinds() {
    for (int kind : List.of(5006, 5007, 5013, 5015, 5016, 5068, 5109, 5124, 5151, 5153, 5275, 5276, 5277, 5389, 5472,
        5503, 5536, 5546, 5703, 5805, 5902, 5927)) {
      assertEquals("Unregistered", KindCatalog.name(kind), "kind " + kind);
      assertEquals("Unregistered", KindCatalog.name(kind + 1000), "kind " + (kind + 1000));
      assertFalse(KindCatalog.isKnown(kind));
      assertFalse(KindCatalog.isKnown(kind + 1000));
    }
  }

  @Test
  void nonDvmKinds() {
    assertEquals("Job feedback", KindCatalog.name(7000));
    assertEquals("Handler announcement", KindCatalog.name(31990));
    assertEquals("Profile", KindCatalog.name(0));
    assertEquals("Zap receipt", KindCatalog.name(9735));
    assertTrue(KindCatalog.isKnown(7000) && KindCatalog.isKnown(31990) && KindCatalog.isKnown(0)
      && KindCatalog.isKnown(9735));
    assertFalse(KindCatalog.isKnown(1));
    assertFalse(KindCatalog.isKnown(30818));
    assertNotEquals("Unregistered", KindCatalog.name(1), "only 5000-6999 kinds are 'Unregistered'");
  }

  @Test
  void thirtyEightCatalogRows() {
    int requests = 0;
    for (int kind = 5000; kind <= 5999; kind++) {
      if (KindCatalog.isKnown(kind)) {
        requests++;
        assertTrue(KindCatalog.isKnown(kind + 1000), "result kind of " + kind);
        assertEquals(KindCatalog.name(kind), KindCatalog.name(kind + 1000));
      } else {
        assertFalse(KindCatalog.isKnown(kind + 1000));
      }
    }
    assertEquals(38, requests, "rows in protocol.md §16");
  }
}

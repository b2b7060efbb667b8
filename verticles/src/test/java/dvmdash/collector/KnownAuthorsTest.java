package dvmdash.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known DVM authors: valid pubkeys only, each once, in discovery order, with the index of the first new one. */
class KnownAuthorsTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void addsValidNewPubkeysInOrderAndSaysWhereTheNewOnesStart() {
    KnownAuthors authors = new KnownAuthors();
    assertEquals(0, authors.add(new JsonArray().add(A).add("not-a-pubkey").add(A.toUpperCase()).add(7)));
    assertEquals(List.of(A), authors.list());
    assertEquals(-1, authors.add(new JsonArray().add(A)), "nothing new");
    assertEquals(1, authors.add(new JsonArray().add(A).add(B)));
    assertEquals(List.of(A, B), authors.list());
    assertTrue(authors.contains(B));
    assertFalse(authors.contains("c".repeat(64)));
    assertEquals(-1, authors.add(null));
  }
}

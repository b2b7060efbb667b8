package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileParserTest {

  @Test
  void kindZeroFields() {
    assertEquals(Optional.of(new Profile("Vertex", "Web of trust DVMs", "https://x.example/p.png")),
      ProfileParser.parse("{\"name\":\"Vertex\",\"about\":\"Web of trust DVMs\","
        + "\"picture\":\"https://x.example/p.png\",\"lud16\":\"v@x.example\",\"bot\":true}"));
  }

  @Test
  void nameFallbacks() {
    assertEquals("Shown", ProfileParser.parse("{\"display_name\":\"Shown\",\"displayName\":\"Old\"}")
      .orElseThrow().name());
    assertEquals("Old", ProfileParser.parse("{\"displayName\":\"Old\"}").orElseThrow().name());
    assertEquals("Primary", ProfileParser.parse("{\"name\":\"Primary\",\"display_name\":\"Shown\"}")
      .orElseThrow().name());
    assertEquals("Shown", ProfileParser.parse("{\"name\":\"  \",\"display_name\":\"Shown\"}").orElseThrow().name(),
      "a blank name falls back");
    assertEquals("Shown", ProfileParser.parse("{\"name\":42,\"display_name\":\"Shown\"}").orElseThrow().name(),
      "a non-string name falls back");
  }

  @Test
  void pictureFallsBackToImage() {
    assertEquals("https://i.example/a.png",
      ProfileParser.parse("{\"name\":\"n\",\"image\":\"https://i.example/a.png\"}").orElseThrow().picture());
    assertEquals("https://p.example/b.png", ProfileParser.parse(
      "{\"picture\":\"https://p.example/b.png\",\"image\":\"https://i.example/a.png\"}").orElseThrow().picture());
  }

  @Test
  void partialProfileKeepsNulls() {
    assertEquals(new Profile(null, "only about", null),
      ProfileParser.parse("{\"about\":\"only about\"}").orElseThrow());
  }

  @Test
  void invalidOrEmptyContentIsEmptyNeverThrows() {
    for (String content : Arrays.asList(null, "", "   ", "{}", "[]", "\"name\"", "42", "null", "true",
        "{\"name\": \"x\", \"personalized\": True}",
        "{\"name\": \"x\",}",
        "{'name': 'x'}",
        "{\"name\": \"x\"",
        "{\"nip90Params\": {}, \"amount\": \"free\"}",
        "{\"name\": null, \"about\": null}",
        "{\"name\": [\"x\"], \"picture\": {}}",
        "not json at all")) {
      assertTrue(ProfileParser.parse(content).isEmpty(), "expected empty for " + content);
    }
  }
}

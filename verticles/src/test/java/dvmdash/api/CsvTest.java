package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotesWhatNeedsQuotingAndDefusesFormulas() {
    JsonObject row = new JsonObject().put("name", "Feed, \"best\"\nDVM").put("n", 42).put("avg", 1.5)
        .put("kinds", new JsonArray().add(5300).add(5301)).putNull("p50").put("about", "=HYPERLINK(\"x\")");
    assertEquals("\"Feed, \"\"best\"\"\nDVM\",42,1.5,5300 5301,,\"'=HYPERLINK(\"\"x\"\")\"\r\n",
        Csv.line(row, List.of("name", "n", "avg", "kinds", "p50", "about")));
    assertEquals("plain", Csv.field("plain"));
    assertEquals("'-1+2", Csv.field("-1+2"));
    assertEquals("-3", Csv.field(-3L), "numbers are not text");
    assertEquals("a,b\r\n", Csv.header(List.of("a", "b")));
  }
}

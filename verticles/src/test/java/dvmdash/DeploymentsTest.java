package dvmdash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.shared.config.CollectorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeploymentsTest {

  @Test
  void theCursorFileHasOneNameWhereverItIsDecided() {
    JsonObject root = new JsonObject().put("data_dir", "/var/lib/dvmdash")
        .put("collector", new JsonObject().put("relays", new JsonArray().add("wss://r.example")));
    String launched = Deployments.collectorConfig(root).getString("cursor_file");
    assertEquals(Path.of("/var/lib/dvmdash", "relay-cursors.json").toString(), launched);
    String byDefault = CollectorConfig.fromJson(new JsonObject()
        .put("relays", new JsonArray().add("wss://r.example"))).cursorFile();
    assertEquals(Path.of(launched).getFileName(), Path.of(byDefault).getFileName());
  }
}

package dvmdash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dvmdash.metrics.MetricCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every documented way of starting the node ends the JVM on an OutOfMemoryError instead of leaving it wedged. */
class LaunchFilesTest {

  @Test
  void everyLaunchExitsOnOutOfMemoryError() throws Exception {
    Path root = MetricCatalog.root();
    for (String file : List.of("scripts/run", "infrastructure/systemd/dvmdash@.service", "README.md")) {
      for (String line : Files.readAllLines(root.resolve(file))) {
        boolean startsNode = line.matches(".*\\bjava\\b.*-jar\\b.*dvmdash\\.jar.*")
            && !line.matches(".*dvmdash\\.jar (import|export|rebuild|backfill|retention)\\b.*");
        if (startsNode) {
          assertTrue(line.contains("-XX:+ExitOnOutOfMemoryError"), file + ": " + line);
        }
      }
      assertTrue(Files.readString(root.resolve(file)).contains("-XX:+ExitOnOutOfMemoryError"), file);
    }
  }
}

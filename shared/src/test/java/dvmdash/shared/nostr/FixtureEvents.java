package dvmdash.shared.nostr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the real-event fixture named by the {@code dvmdash.fixtures} system property, or skips the calling test. */
final class FixtureEvents {

  static final String FILE = "real-dvm-events.jsonl";

  private FixtureEvents() {
  }

  /** The non-blank lines of the fixture file; aborts (skips) the test with a message when it is absent. */
  static List<String> lines() throws IOException {
    String dir = System.getProperty("dvmdash.fixtures");
    assumeTrue(dir != null && !dir.isBlank(),
      "system property dvmdash.fixtures is not set; skipping tests on " + FILE);
    Path file = Path.of(dir).resolve(FILE);
    assumeTrue(Files.isRegularFile(file), "fixture " + file.toAbsolutePath() + " is absent; skipping");
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  /** Every fixture event, parsed (fails the test if one does not parse). */
  static List<NostrEvent> events() throws IOException, InvalidEventException {
    List<NostrEvent> out = new ArrayList<>();
    for (String line : lines()) {
      out.add(EventParser.parse(line));
    }
    return out;
  }
}

package dvmdash.cli;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dvmdash import FILE.jsonl}: one event per line, through the same checks as live events (each line is
 * handled as a relay EVENT frame from the pseudo-relay {@code import:FILE}), then the same batch pipeline. Existing
 * events change nothing; the summary counts accepted, new and rejected lines by reason ({@link IngestSession}).
 */
public final class ImportCommand {

  private ImportCommand() {
  }

  public static int run(JsonObject config, Path file) throws Exception {
    if (!Files.isRegularFile(file)) {
      System.err.println("import: no such file " + file);
      return 2;
    }
    String source = "import:" + file.getFileName();
    long lines = 0;
    try (IngestSession session = IngestSession.open(config);
         BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        session.offer(source, "[\"EVENT\",\"import\"," + line + "]");
      }
      session.flush();
      session.finish();
      System.out.printf("import %s: %d lines: %s%n", file, lines, session.summary());
      return 0;
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return IngestSession.await(f);
  }
}

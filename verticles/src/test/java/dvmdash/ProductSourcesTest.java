package dvmdash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dvmdash.metrics.MetricCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The product jar holds product code only: the benchmarks are test tooling (src/test/java/dvmdash/bench). */
class ProductSourcesTest {

  @Test
  void noBenchmarkCodeInTheProductSources() throws Exception {
    Path main = MetricCatalog.root().resolve("verticles/src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> bench = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> readUnchecked(f).lines().anyMatch(l -> l.matches("package dvmdash\\.bench\\b.*")))
          .toList();
      assertEquals(List.of(), bench, "production sources in package dvmdash.bench");
    }
  }

  private static String readUnchecked(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

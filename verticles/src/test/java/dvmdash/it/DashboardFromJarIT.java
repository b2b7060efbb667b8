package dvmdash.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dvmdash.api.DashboardFiles;
import dvmdash.embedded.EmbeddedMongoServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar alone is the whole product: a node with no dashboard directory configured, started where no
 * {@code webroot/} folder exists, serves the dashboard packed into its classpath by the build ({@code /}, a hashed
 * asset it references, a client route) with the same cache headers as from a directory.
 */
class DashboardFromJarIT {

  private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.js)\"");

  @TempDir
  Path dir;
  private EmbeddedMongoServer mongo;
  private TestNode node;
  private WebClient http;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(resource("index.html") != null, "no dashboard on the classpath (" + DashboardFiles.CLASSPATH_ROOT
        + "/index.html): this build skipped it (-Ddashboard.skip) and webroot/dist was never built; scripts/test builds"
        + " it");
    assumeTrue(Files.notExists(Path.of("webroot")), "the working directory " + Path.of("").toAbsolutePath()
        + " has a webroot/ folder; this test is about a node started away from the repository");
    mongo = TestNode.memoryMongo();
    JsonObject config = TestNode.config(TestPostgres.freshDatabase(), mongo.uri(), List.of(), dir.resolve("node"))
        .put("role", "api");
    config.getJsonObject("http").remove("webroot");
    node = TestNode.start(config, System.currentTimeMillis() / 1000);
    http = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port));
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void theDashboardIsServedFromTheClasspath() throws Exception {
    byte[] packedIndex = resource("index.html");
    HttpResponse<Buffer> root = get("/");
    assertEquals(200, root.statusCode(), root.bodyAsString());
    assertTrue(root.getHeader("Content-Type").startsWith("text/html"), root.getHeader("Content-Type"));
    assertArrayEquals(packedIndex, root.bodyAsBuffer().getBytes(), "the packed index.html");

    Matcher m = ASSET.matcher(root.bodyAsString());
    assertTrue(m.find(), "index.html references a hashed script under /assets/");
    String asset = m.group(1);
    HttpResponse<Buffer> script = get(asset);
    assertEquals(200, script.statusCode(), asset);
    assertEquals("public, max-age=31536000, immutable", script.getHeader("Cache-Control"), asset);
    assertArrayEquals(resource(asset.substring(1)), script.bodyAsBuffer().getBytes(), asset);

    HttpResponse<Buffer> route = get("/jobs/some-client-route");
    assertEquals(200, route.statusCode());
    assertEquals("no-cache", route.getHeader("Cache-Control"), "index.html is never cached");
    assertArrayEquals(packedIndex, route.bodyAsBuffer().getBytes(), "a client route answers index.html");
    assertNull(root.getHeader("Cache-Control"), "/ answers index.html without a cache header, as from a directory");

    HttpResponse<Buffer> api = get("/api/no/such/endpoint");
    assertEquals(404, api.statusCode());
    assertTrue(new JsonObject(api.bodyAsString()).getString("error").startsWith("no such endpoint"));
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return http.get(path).send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A file of the packed dashboard, or null. */
  private static byte[] resource(String path) throws Exception {
    try (InputStream in = DashboardFromJarIT.class.getClassLoader()
        .getResourceAsStream(DashboardFiles.CLASSPATH_ROOT + "/" + path)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}

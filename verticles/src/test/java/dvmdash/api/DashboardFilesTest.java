package dvmdash.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard's routes serve the same answers, cache headers included, from the classpath as from a directory (the
 * fixture dashboard in test resources, served both ways), and a missing dashboard leaves the API alone with a 404 at
 * {@code /}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class DashboardFilesTest {

  private static final String FIXTURE = "dashboard-fixture";
  private static final List<String> PATHS = List.of("/", "/index.html", "/assets/app-F1xture.js", "/favicon.svg",
      "/jobs/abc", "/assets/missing-0000.js", "/deep/client/route?x=1");

  private WebClient client;
  private File fixtureDir;

  record Answer(String path, int status, String contentType, String cacheControl, String body) {
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    client = WebClient.create(vertx);
    fixtureDir = Path.of(getClass().getClassLoader().getResource(FIXTURE + "/index.html").toURI()).getParent()
        .toFile();
  }

  @Test
  void theClasspathAnswersLikeADirectory(Vertx vertx, VertxTestContext ctx) {
    DashboardFiles directory = DashboardFiles.fromDirectory(fixtureDir);
    DashboardFiles classpath = DashboardFiles.fromClasspath(FIXTURE);
    assertEquals(directory.indexHtml(), classpath.indexHtml());
    assertEquals("classpath:" + FIXTURE, classpath.source());
    answers(vertx, directory)
        .compose(fromDir -> answers(vertx, classpath).map(fromCp -> {
          ctx.verify(() -> {
            assertEquals(fromDir, fromCp);
            Answer root = fromDir.get(0);
            assertEquals(200, root.status());
            assertEquals(directory.indexHtml(), root.body());
            assertTrue(root.contentType().startsWith("text/html"), root.contentType());
            assertNull(root.cacheControl());
            Answer asset = fromDir.get(2);
            assertEquals(200, asset.status());
            assertEquals("public, max-age=31536000, immutable", asset.cacheControl());
            assertTrue(asset.body().contains("dashboard fixture"));
            Answer route = fromDir.get(4);
            assertEquals(200, route.status());
            assertEquals("no-cache", route.cacheControl());
            assertEquals(directory.indexHtml(), route.body());
          });
          return fromCp;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void withoutADashboardOnlyTheApiIsServed(Vertx vertx, VertxTestContext ctx) {
    DashboardFiles missingDir = DashboardFiles.fromDirectory(new File(fixtureDir, "no-such-dir"));
    DashboardFiles missingCp = DashboardFiles.fromClasspath("no-such-dashboard");
    assertNull(missingDir.indexHtml());
    assertNull(missingCp.indexHtml());
    answers(vertx, missingDir)
        .compose(fromDir -> answers(vertx, missingCp).map(fromCp -> {
          ctx.verify(() -> {
            assertEquals(fromDir, fromCp);
            assertEquals(404, fromDir.get(0).status());
            assertTrue(new JsonObject(fromDir.get(0).body()).getString("error").startsWith("dashboard not built"));
          });
          return fromCp;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aConfiguredDirectoryOverridesTheClasspath() {
    assertEquals("classpath:" + DashboardFiles.CLASSPATH_ROOT, DashboardFiles.locate("").source());
    assertEquals("classpath:" + DashboardFiles.CLASSPATH_ROOT, DashboardFiles.locate(null).source());
    DashboardFiles configured = DashboardFiles.locate(fixtureDir.getPath());
    assertEquals(fixtureDir.getAbsolutePath(), configured.source());
    assertTrue(configured.indexHtml().contains("app-F1xture.js"));
  }

  /** The answers to {@link #PATHS} of a server with only the dashboard's routes. */
  private Future<List<Answer>> answers(Vertx vertx, DashboardFiles dashboard) {
    Router router = Router.router(vertx);
    dashboard.mount(router);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(0, "127.0.0.1")
        .compose(server -> next(server, new ArrayList<>())
            .compose(list -> server.close().map(list)));
  }

  private Future<List<Answer>> next(HttpServer server, List<Answer> done) {
    if (done.size() == PATHS.size()) {
      return Future.succeededFuture(done);
    }
    String path = PATHS.get(done.size());
    return client.get(server.actualPort(), "127.0.0.1", path)
        .send()
        .compose(res -> {
          done.add(new Answer(path, res.statusCode(), res.getHeader("Content-Type"), res.getHeader("Cache-Control"),
              res.bodyAsString()));
          return next(server, done);
        });
  }
}

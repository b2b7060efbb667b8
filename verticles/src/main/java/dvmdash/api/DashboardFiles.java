package dvmdash.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the dashboard's built files ({@code index.html} plus content-hashed {@code assets/}) come from, and the routes
 * that serve them after the API's. By default the copy the build packed into the jar (classpath folder
 * {@value #CLASSPATH_ROOT}); {@code http.webroot} naming a directory overrides it. Hashed assets may be cached for a
 * year, {@code index.html} never; any other GET (a client route of the single-page app) answers {@code index.html}.
 * Without a dashboard, {@code /} answers 404 and only the API is served.
 */
public final class DashboardFiles {

  /** Classpath folder of the dashboard packed by the build (verticles/pom.xml). */
  public static final String CLASSPATH_ROOT = "dvmdash-dashboard";

  private static final Logger log = LoggerFactory.getLogger(DashboardFiles.class);
  private static final String INDEX = "index.html";

  private final FileSystemAccess access;
  private final String root;
  private final String indexHtml;
  private final String missing;

  private DashboardFiles(FileSystemAccess access, String root, String indexHtml, String missing) {
    this.access = access;
    this.root = root;
    this.indexHtml = indexHtml;
    this.missing = missing;
  }

  /** @param webroot the configured dashboard directory ({@code http.webroot}); blank: the dashboard in the jar */
  public static DashboardFiles locate(String webroot) {
    return webroot == null || webroot.isBlank() ? fromClasspath(CLASSPATH_ROOT) : fromDirectory(new File(webroot));
  }

  static DashboardFiles fromDirectory(File dir) {
    File root = dir.getAbsoluteFile();
    File index = new File(root, INDEX);
    try {
      return new DashboardFiles(FileSystemAccess.ROOT, root.getPath(), Files.readString(index.toPath()), null);
    } catch (IOException e) {
      return new DashboardFiles(FileSystemAccess.ROOT, root.getPath(), null, index + " missing");
    }
  }

  /** The dashboard in classpath folder {@code root}, which Vert.x resolves (and unpacks from the jar) by name. */
  static DashboardFiles fromClasspath(String root) {
    try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(root + "/" + INDEX)) {
      if (in == null) {
        return new DashboardFiles(FileSystemAccess.RELATIVE, root, null,
            "not in this jar (built with -Ddashboard.skip)");
      }
      return new DashboardFiles(FileSystemAccess.RELATIVE, root, new String(in.readAllBytes(), StandardCharsets.UTF_8),
          null);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the dashboard's " + INDEX + " from the classpath", e);
    }
  }

  /** The served {@code index.html} (its inline scripts get CSP hashes), or null when there is no dashboard. */
  public String indexHtml() {
    return indexHtml;
  }

  /** Where the files come from, for the log: a directory or the classpath folder. */
  public String source() {
    return access == FileSystemAccess.ROOT ? root : "classpath:" + root;
  }

  /** Adds the dashboard's routes; call after every API route. */
  public void mount(Router router) {
    if (indexHtml == null) {
      log.warn("Dashboard not built ({}); serving the API only", missing);
      router.get("/").handler(ctx -> Replies.error(ctx, 404,
          "dashboard not built: run scripts/run (it builds webroot) or npm run build in webroot"));
      return;
    }
    log.info("Dashboard served from {}", source());
    String index = root + "/" + INDEX;
    router.route("/assets/*").handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
      ctx.next();
    });
    router.route().handler(StaticHandler.create(access, root)
        .setCachingEnabled(false)
        .setIndexPage(INDEX));
    router.get().handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile(index));
  }
}

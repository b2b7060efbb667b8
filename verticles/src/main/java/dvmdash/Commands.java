package dvmdash;

import dvmdash.cli.ExportCommand;
import dvmdash.cli.ImportCommand;
import dvmdash.cli.RebuildCommand;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Command-line entry points besides the server: {@code import}, {@code export}, {@code rebuild} (see README). */
final class Commands {

  static final String USAGE = """
      usage: java -jar dvmdash.jar import FILE.jsonl [--config FILE]
             java -jar dvmdash.jar export [--since T] [--until T] [--kind K] [--out FILE] [--config FILE]
             java -jar dvmdash.jar rebuild [--config FILE]
      They use the configured stores (embedded ones under DVMDASH_DATA_DIR: stop the server using them first).""";

  private Commands() {
  }

  static int run(String[] args) {
    try {
      Path config = null;
      Long since = null;
      Long until = null;
      Integer kind = null;
      Path out = null;
      Path input = null;
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--config" -> config = Path.of(args[++i]);
          case "--since" -> since = Long.parseLong(args[++i]);
          case "--until" -> until = Long.parseLong(args[++i]);
          case "--kind" -> kind = Integer.parseInt(args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          default -> {
            if (a.startsWith("-") || input != null) {
              throw new IllegalArgumentException("unexpected argument " + a);
            }
            input = Path.of(a);
          }
        }
      }
      JsonObject cfg = Main.loadConfig(config);
      switch (args[0]) {
        case "import" -> {
          if (input == null) {
            throw new IllegalArgumentException("import needs a file");
          }
          return ImportCommand.run(cfg, input);
        }
        case "export" -> {
          return ExportCommand.run(cfg, since, until, kind, out);
        }
        case "rebuild" -> {
          return RebuildCommand.run(cfg);
        }
        default -> throw new IllegalArgumentException("unknown command " + args[0]);
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      System.err.println("dvmdash: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    } catch (Exception e) {
      System.err.println("dvmdash: " + e);
      return 1;
    }
  }
}

package dvmdash;

import dvmdash.cli.BackfillCommand;
import dvmdash.cli.ExportCommand;
import dvmdash.cli.ImportCommand;
import dvmdash.cli.RebuildCommand;
import dvmdash.cli.RetentionCommand;
import dvmdash.cli.TimeArg;
import dvmdash.reload.ConfigSource;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line entry points besides the server: {@code import}, {@code export}, {@code rebuild}, {@code backfill},
 * {@code retention} (see docs/maintenance.md). Times are unix seconds, ISO instants or dates (UTC).
 */
final class Commands {

  static final String USAGE = """
      usage: java -jar dvmdash.jar import FILE.jsonl [--config FILE]
             java -jar dvmdash.jar export [--since T] [--until T] [--kind K] [--out FILE] [--config FILE]
             java -jar dvmdash.jar rebuild [--config FILE]
             java -jar dvmdash.jar backfill --relay URL [--relay URL ...] --since T --until T [--limit N] [--config FILE]
             java -jar dvmdash.jar retention [--config FILE]
      T: unix seconds, 2025-01-01T00:00:00Z or 2025-01-01 (UTC). See docs/maintenance.md.
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
      List<String> relays = new ArrayList<>();
      int limit = 500;
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--config" -> config = Path.of(args[++i]);
          case "--since" -> since = TimeArg.parse("--since", args[++i]);
          case "--until" -> until = TimeArg.parse("--until", args[++i]);
          case "--kind" -> kind = integer("--kind", args[++i]);
          case "--relay" -> relays.add(args[++i]);
          case "--limit" -> limit = integer("--limit", args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          default -> {
            if (a.startsWith("-") || input != null) {
              throw new IllegalArgumentException("unexpected argument " + a);
            }
            input = Path.of(a);
          }
        }
      }
      JsonObject cfg = ConfigSource.local(config);
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
        case "backfill" -> {
          if (since == null || until == null) {
            throw new IllegalArgumentException("backfill needs --since and --until");
          }
          return BackfillCommand.run(cfg, relays, since, until, limit, System.out);
        }
        case "retention" -> {
          return RetentionCommand.run(cfg);
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

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'");
    }
  }
}

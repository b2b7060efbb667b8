package dvmdash;

import java.nio.file.Path;

/** Command-line options of the launcher. */
public record LaunchOptions(Path configFile, boolean demo, double demoRate) {

  public static final String USAGE = """
      usage: java -jar dvmdash.jar [--config FILE] [--demo] [--demo-rate JOBS_PER_SECOND]
        --config FILE     JSON overriding config/dvmdash.json (environment variables override both)
        --demo            start the built-in DVM network simulator as a local relay and collect from it only
        --demo-rate R     new simulated jobs per second in demo mode (default 2)""";

  public static LaunchOptions parse(String[] args) {
    Path config = null;
    boolean demo = false;
    double rate = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(value(args, ++i, "--config"));
        case "--demo" -> demo = true;
        case "--demo-rate" -> {
          try {
            rate = Double.parseDouble(value(args, ++i, "--demo-rate"));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--demo-rate needs a number");
          }
        }
        case "-h", "--help" -> throw new IllegalArgumentException("help requested");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new LaunchOptions(config, demo, rate);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}

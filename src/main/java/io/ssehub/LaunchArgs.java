package io.ssehub;

import io.ssehub.config.ConfigOverrides;
import io.ssehub.config.ServerConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line: {@code [CONFIG_FILE] | -conf FILE | --conf FILE | -h | --help}. With no file, the conventional
 * {@code conf/config.json} is used when it exists, else the built-in defaults.
 *
 * @param configFile the file named on the command line, or null
 * @param help       whether usage was asked for
 */
record LaunchArgs(Path configFile, boolean help) {

  static final Path CONVENTIONAL_CONFIG = Path.of("conf", "config.json");

  static final String USAGE = String.join("\n",
      "Usage: java -jar ssehub.jar [CONFIG_FILE]",
      "       java -jar ssehub.jar -conf CONFIG_FILE",
      "",
      "Starts the ssehub Server-Sent Events hub.",
      "",
      "  CONFIG_FILE, -conf FILE, --conf FILE",
      "               JSON configuration file (see README.md). Without one, conf/config.json is",
      "               used when it exists, else the built-in defaults.",
      "  -h, --help   print this help and exit",
      "",
      "       java -jar ssehub.jar bench --help",
      "               the load tool (see docs/benchmarks.md)",
      "       java -jar ssehub.jar token --help",
      "               mints a development token with the configured HS256 secret",
      "",
      "Exit codes: 0 after a clean shutdown (SIGTERM, Ctrl-C), 1 when the server cannot start",
      "(for example the port is taken), 2 for a bad command line or configuration.");

  /** @throws IllegalArgumentException with a message for the user when the arguments are not understood */
  static LaunchArgs parse(String... args) {
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        return new LaunchArgs(null, true);
      }
      String value;
      if (arg.equals("-conf") || arg.equals("--conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + arg + " needs a file name");
        }
        value = args[++i];
      } else if (arg.startsWith("-conf=") || arg.startsWith("--conf=")) {
        value = arg.substring(arg.indexOf('=') + 1);
      } else if (arg.startsWith("-") && arg.length() > 1) {
        throw new IllegalArgumentException("unknown option " + arg);
      } else {
        value = arg;
      }
      if (file != null) {
        throw new IllegalArgumentException("only one configuration file may be given, got " + file + " and "
            + value);
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("the configuration file name is empty");
      }
      file = Path.of(value);
    }
    return new LaunchArgs(file, false);
  }

  /** Loads the configuration this command line asks for. */
  ServerConfig loadConfig() {
    ConfigOverrides overrides = ConfigOverrides.fromSystem();
    if (configFile != null) {
      return ServerConfig.load(configFile, overrides);
    }
    if (Files.exists(CONVENTIONAL_CONFIG)) {
      return ServerConfig.load(CONVENTIONAL_CONFIG, overrides);
    }
    return ServerConfig.defaults(overrides);
  }
}

package im.parley.server;

import im.parley.core.config.ConfigSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by every command. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "conf/parley.yml",
            description = "The config file (default: ${DEFAULT-VALUE}). Keys are overridden by PARLEY_* environment variables.")
    Path file;

    ConfigSource load() {
        return ConfigSource.load(file, System.getenv());
    }
}

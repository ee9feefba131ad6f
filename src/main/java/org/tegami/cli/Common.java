package org.tegami.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tegami.config.ConfigException;
import org.tegami.config.ConfigLoader;
import org.tegami.config.TegamiConfig;
import picocli.CommandLine.Option;

/** Options every command takes: where the data lives and which config file to read. */
public final class Common {

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data)")
    Path data = Path.of("data");

    @Option(names = "--config", paramLabel = "FILE",
            description = "config file (default: ./tegami.toml when present)")
    Path config;

    public Path dataDir() {
        return data;
    }

    /** The config: --config, else ./tegami.toml if it exists, else defaults. */
    public TegamiConfig loadConfig() throws ConfigException {
        if (config != null) {
            if (!Files.exists(config)) {
                throw new ConfigException(config + ": config file not found");
            }
            return ConfigLoader.load(config);
        }
        Path def = Path.of("tegami.toml");
        return Files.exists(def) ? ConfigLoader.load(def) : TegamiConfig.defaults();
    }
}

package org.tegami.app;

import java.nio.file.Path;

/**
 * Command-line settings of `tegami serve`; they override [server] keys of the config.
 *
 * @param hostname null = from config, else this host's name
 * @param bind null = from config, else all addresses
 * @param portOffset null = from config
 */
public record ServerOptions(Path dataDir, String hostname, String bind, Integer portOffset) {}

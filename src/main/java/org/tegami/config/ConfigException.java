package org.tegami.config;

/** A configuration problem, with a message that names the file, line and key. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}

package org.tegami.app;

/** The server cannot start; the message is one line telling the user what to do. */
public final class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.tegami.pop3server;

/** A command line that cannot be parsed; the message is the text of the -ERR reply. */
public final class Pop3SyntaxException extends Exception {

    public Pop3SyntaxException(String message) {
        super(message, null, false, false);
    }
}

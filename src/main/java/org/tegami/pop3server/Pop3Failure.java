package org.tegami.pop3server;

/**
 * A command that fails with -ERR: thrown by the handlers, turned into the reply in one place
 * ({@link Pop3Errors}). The message is the reply text.
 */
final class Pop3Failure extends Exception {

    private final ResponseCode code;

    Pop3Failure(ResponseCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    Pop3Failure(String message) {
        this(null, message);
    }

    /** The RFC 2449/3206 code, or null for a plain -ERR. */
    ResponseCode code() {
        return code;
    }
}

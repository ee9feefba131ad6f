package org.tegami.io;

import java.io.IOException;

/** A protocol line exceeded its limit; the whole line has been consumed, the session may go on. */
public final class LineTooLongException extends IOException {
    private final int limit;

    public LineTooLongException(int limit) {
        super("line longer than " + limit + " octets");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}

package org.tegami.io;

import java.io.IOException;

/** Input went past a configured bound (message size, literal size, nesting). */
public final class LimitExceededException extends IOException {
    public LimitExceededException(String message) {
        super(message);
    }
}

package org.tegami.pop3server;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.io.LineTooLongException;
import org.tegami.store.StoreException;

/**
 * The one place where failures become -ERR replies with RFC 2449 / RFC 3206 response codes
 * (STYLE.md §6): user errors get plain -ERR, store trouble [SYS/TEMP] or [SYS/PERM], never a
 * stack trace to the client.
 */
final class Pop3Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Errors.class);

    private Pop3Errors() {}

    static Pop3Reply reply(Throwable t, String connectionId) {
        return switch (t) {
            case Pop3Failure f -> Pop3Reply.err(f.code(), f.getMessage());
            case Pop3SyntaxException s -> Pop3Reply.err(null, s.getMessage());
            case LineTooLongException l ->
                    Pop3Reply.err(null, "Command line too long (at most 255 octets, RFC 2449 section 4)");
            case StoreException s when s.kind() == StoreException.Kind.TEMPORARY -> {
                LOG.warn("c={} store problem: {}", connectionId, s.getMessage());
                yield Pop3Reply.err(ResponseCode.SYS_TEMP, "Temporary problem with the mail store, try again later");
            }
            case StoreException s -> {
                LOG.warn("c={} store error: {}", connectionId, s.getMessage());
                yield Pop3Reply.err(ResponseCode.SYS_PERM, "Mail store error: " + s.getMessage());
            }
            case UncheckedIOException e -> {
                LOG.warn("c={} I/O problem: {}", connectionId, e.getMessage());
                yield Pop3Reply.err(ResponseCode.SYS_TEMP, "Temporary problem reading the maildrop, try again later");
            }
            default -> {
                LOG.error("c={} internal error", connectionId, t);
                yield Pop3Reply.err(ResponseCode.SYS_TEMP, "Internal server error, try again later");
            }
        };
    }
}

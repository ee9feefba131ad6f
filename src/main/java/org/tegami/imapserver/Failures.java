package org.tegami.imapserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.store.StoreException;

/**
 * The one place where failures become IMAP replies (STYLE.md §6): a handler's {@link ImapFailure}
 * as it says, store errors by kind (RFC 9051 §7.1 response codes), anything else as a server bug
 * — logged with its stack trace here, never shown to the client.
 */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    static Response.Status toResponse(String tag, RuntimeException e, String connectionId, String command) {
        if (e instanceof ImapFailure f) {
            return new Response.Status(tag, f.kind, f.code, f.getMessage());
        }
        if (e instanceof StoreException se) {
            return switch (se.kind()) {
                case NOT_FOUND -> Response.Status.no(tag, ResponseCode.NONEXISTENT, clean(se, "No such mailbox"));
                case ALREADY_EXISTS -> Response.Status.no(tag, ResponseCode.ALREADYEXISTS,
                        clean(se, "Mailbox already exists"));
                case INVALID -> Response.Status.no(tag, ResponseCode.CANNOT, clean(se, "Not possible"));
                case OVER_QUOTA -> Response.Status.no(tag, ResponseCode.OVERQUOTA, "Quota exceeded");
                case TEMPORARY -> {
                    LOG.warn("c={} {}: store unavailable: {}", connectionId, command, se.getMessage());
                    yield Response.Status.no(tag, ResponseCode.UNAVAILABLE, "Temporary failure, try again later");
                }
            };
        }
        LOG.error("c={} {} failed", connectionId, command, e);
        return Response.Status.no(tag, ResponseCode.SERVERBUG, "Internal error, the failure was logged");
    }

    /** Store messages meant for users start with a capital; others (SQL detail) are replaced. */
    private static String clean(StoreException e, String fallback) {
        String m = e.getMessage();
        return m != null && !m.isEmpty() && Character.isUpperCase(m.charAt(0)) && m.length() < 200 ? m : fallback;
    }
}

package org.tegami.imapserver;

import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;

/**
 * A command that cannot be carried out, with the reply it gets: NO (the command was understood
 * but failed, RFC 9051 §7.1.2) or BAD (a protocol error, §7.1.3), with an optional response code.
 * Thrown by handlers and turned into the tagged reply by {@link Failures}.
 */
final class ImapFailure extends RuntimeException {

    final Response.Kind kind;
    final ResponseCode code;

    private ImapFailure(Response.Kind kind, ResponseCode code, String text) {
        super(text, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    static ImapFailure no(ResponseCode code, String text) {
        return new ImapFailure(Response.Kind.NO, code, text);
    }

    static ImapFailure no(String text) {
        return new ImapFailure(Response.Kind.NO, null, text);
    }

    static ImapFailure bad(String text) {
        return new ImapFailure(Response.Kind.BAD, null, text);
    }

    static ImapFailure bad(ResponseCode code, String text) {
        return new ImapFailure(Response.Kind.BAD, code, text);
    }
}

package org.tegami.imap;

/**
 * A command the server could not accept as sent: a syntax error, a broken limit, a refused
 * literal. The session answers it with {@link #toResponse()} and goes on reading the next command,
 * unless {@link #fatal} says the stream can no longer be trusted (then it sends the response and a
 * BYE and closes). RFC 9051 §7.1.3 (BAD) and §7.1.2 (NO).
 *
 * @param tag the command's tag, or null when it could not be read (the reply is then untagged)
 * @param no true for a tagged NO (e.g. NO [TOOBIG] for an APPEND over the size limit, NO
 *     [BADCHARSET]), false for BAD
 * @param code response code, or null
 * @param text human-readable text (one line)
 * @param fatal the connection must be closed after the reply
 */
public record CommandError(String tag, boolean no, ResponseCode code, String text, boolean fatal) {

    public static CommandError bad(String tag, String text) {
        return new CommandError(tag, false, null, text, false);
    }

    public static CommandError bad(String tag, ResponseCode code, String text) {
        return new CommandError(tag, false, code, text, false);
    }

    public static CommandError no(String tag, ResponseCode code, String text) {
        return new CommandError(tag, true, code, text, false);
    }

    static CommandError of(String tag, ImapSyntaxException e) {
        return new CommandError(tag, e.isNo(), e.code(), e.getMessage(), false);
    }

    public CommandError asFatal() {
        return new CommandError(tag, no, code, text, true);
    }

    /** The status response to send: "tag BAD [code] text", "tag NO ...", or "* BAD ..." without a tag. */
    public Response.Status toResponse() {
        return new Response.Status(tag, no ? Response.Kind.NO : Response.Kind.BAD, code, text);
    }
}

package org.tegami.imap;

/**
 * A defined parse failure: input that is not valid IMAP syntax (RFC 9051 §9) or breaks a limit.
 * The command parser turns it into a {@link CommandError}; public helpers such as
 * {@link SequenceSet#parse} throw it directly. It carries no stack trace: it is an expected
 * outcome for hostile input, not a bug.
 */
public final class ImapSyntaxException extends Exception {

    private final ResponseCode code;
    private final boolean no;

    public ImapSyntaxException(String message) {
        this(message, null, false);
    }

    /**
     * @param code response code for the tagged reply, or null
     * @param no true when RFC 9051 asks for a tagged NO rather than BAD (e.g. BADCHARSET, §6.4.4)
     */
    public ImapSyntaxException(String message, ResponseCode code, boolean no) {
        super(message, null, false, false);
        this.code = code;
        this.no = no;
    }

    public ResponseCode code() {
        return code;
    }

    /** True if the reply is NO rather than BAD. */
    public boolean isNo() {
        return no;
    }
}

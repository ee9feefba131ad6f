package org.tegami.imap;

/** Which non-synchronizing literals ("{n+}") the server advertised (RFC 7888). */
public enum LiteralMode {
    /** Neither LITERAL+ nor LITERAL-: every literal must be synchronizing. */
    SYNC_ONLY,
    /** LITERAL+ (RFC 7888 §3): non-synchronizing literals of any size (within the limits). */
    LITERAL_PLUS,
    /** LITERAL- (RFC 7888 §4, implied by IMAP4rev2, RFC 9051 §4.3): non-synchronizing up to 4096 octets. */
    LITERAL_MINUS
}

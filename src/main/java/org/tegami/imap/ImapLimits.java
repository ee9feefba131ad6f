package org.tegami.imap;

/**
 * Bounds applied while reading and parsing client commands. Every parser in this package checks
 * them and answers with a {@link CommandError} instead of growing without limit for a hostile
 * client.
 *
 * @param maxLineLength longest command line (terminator excluded). RFC 9051 §4 advises servers to
 *     accept lines of at least 8192 octets; a line here is the text between two literals. The
 *     reader's buffer grows with the line, so a high limit costs nothing for idle connections.
 * @param maxMessageLiteral largest APPEND message literal (the APPENDLIMIT, RFC 7889); larger ones
 *     are refused with {@code NO [TOOBIG]}
 * @param maxArgumentLiteral largest literal in any other place (mailbox names, search strings,
 *     passwords); larger ones are refused with {@code BAD [TOOBIG]}
 * @param maxNonSyncLiteral largest non-synchronizing literal under LITERAL- (RFC 7888 §5: 4096)
 * @param maxDiscard how many bytes of an already-sent non-synchronizing literal the reader skips
 *     to keep the session in step after refusing a command; beyond it the error is fatal
 * @param maxCommandBytes total octets of one command, literals included, APPEND message data
 *     excepted
 * @param maxLiterals literals per command (MULTIAPPEND messages count)
 * @param maxNesting depth of parenthesised lists and search-key groups
 * @param maxItems elements of any one list (fetch attributes, flags, search keys, patterns)
 * @param maxSequenceRanges ranges in one sequence set
 */
public record ImapLimits(
        int maxLineLength,
        long maxMessageLiteral,
        int maxArgumentLiteral,
        int maxNonSyncLiteral,
        long maxDiscard,
        long maxCommandBytes,
        int maxLiterals,
        int maxNesting,
        int maxItems,
        int maxSequenceRanges) {

    /**
     * Defaults: 64 KiB lines (as Dovecot's imap_max_line_length; clients send long UID sets and
     * imaptest an ID line of 32 KiB), 64 MiB messages, 64 KiB other literals, 1 MiB per command.
     */
    public static final ImapLimits DEFAULT = new ImapLimits(
            64 * 1024, 64L * 1024 * 1024, 64 * 1024, 4096, 1024 * 1024, 1024 * 1024, 1000, 32, 2000, 10_000);

    public ImapLimits {
        if (maxLineLength < 64 || maxMessageLiteral < 0 || maxMessageLiteral > Integer.MAX_VALUE - 64
                || maxArgumentLiteral < 0 || maxNonSyncLiteral < 0 || maxDiscard < 0
                || maxCommandBytes < maxLineLength || maxLiterals < 1 || maxNesting < 2
                || maxItems < 1 || maxSequenceRanges < 1) {
            throw new IllegalArgumentException("inconsistent IMAP limits");
        }
    }

    public ImapLimits withMaxMessageLiteral(long n) {
        return new ImapLimits(maxLineLength, n, maxArgumentLiteral, maxNonSyncLiteral, maxDiscard,
                maxCommandBytes, maxLiterals, maxNesting, maxItems, maxSequenceRanges);
    }

    public ImapLimits withMaxLineLength(int n) {
        return new ImapLimits(n, maxMessageLiteral, maxArgumentLiteral, maxNonSyncLiteral, maxDiscard,
                Math.max(n, maxCommandBytes), maxLiterals, maxNesting, maxItems, maxSequenceRanges);
    }
}

package org.tegami.store;

/**
 * A store operation failed. {@link Kind} lets protocol code map it to the right reply in one place
 * (user error vs. temporary vs. server error, STYLE.md §6) without knowing SQL.
 */
public class StoreException extends RuntimeException {

    public enum Kind {
        /** The thing does not exist (unknown domain, account, mailbox). */
        NOT_FOUND,
        /** It exists already (duplicate domain, account, alias, mailbox). */
        ALREADY_EXISTS,
        /** The request is not allowed or makes no sense (delete INBOX, bad name). */
        INVALID,
        /** Over quota. */
        OVER_QUOTA,
        /** Temporary: locked database, I/O error — retrying later may work. */
        TEMPORARY
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package org.tegami.mime;

/**
 * One RFC 5322 address as IMAP's ENVELOPE needs it (RFC 9051 §7.5.2): display name (raw, may hold
 * encoded-words), obsolete route, local part, host. A group is a start marker (mailbox = group
 * name, host = null) followed by its members and an end marker (mailbox and host null).
 */
public record Address(String name, String route, String mailbox, String host) {

    public boolean isGroupStart() {
        return mailbox != null && host == null;
    }

    public boolean isGroupEnd() {
        return mailbox == null && host == null;
    }

    /** "local@host", or null for group markers. */
    public String address() {
        return host == null || mailbox == null ? null : mailbox + "@" + host;
    }

    /** The display name decoded for people and for impersonation checks. */
    public String decodedName() {
        return name == null ? null : EncodedWords.decode(name);
    }
}
